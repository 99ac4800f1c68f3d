// A RunFunction client, as Crossplane dials a function. The SDK generates
// the service but does not export its client; tests and benchmarks use this.
import * as grpc from '@grpc/grpc-js';
import { FunctionRunnerServiceService, type RunFunctionRequest, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';

const FunctionClient = grpc.makeGenericClientConstructor(FunctionRunnerServiceService, 'FunctionRunnerService');

export class FunctionRunnerClient {
  private readonly client: grpc.Client;

  constructor(address: string, credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(), options: grpc.ClientOptions = {}) {
    this.client = new FunctionClient(address, credentials, options);
  }

  runFunction(req: RunFunctionRequest, timeoutMs = 10_000): Promise<RunFunctionResponse> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        FunctionRunnerServiceService.runFunction.path,
        FunctionRunnerServiceService.runFunction.requestSerialize,
        FunctionRunnerServiceService.runFunction.responseDeserialize,
        req,
        new grpc.Metadata(),
        { deadline: Date.now() + timeoutMs },
        (err: grpc.ServiceError | null, rsp?: RunFunctionResponse) => {
          if (rsp && !err) resolve(rsp);
          else reject(err ?? new Error('empty response'));
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }
}
