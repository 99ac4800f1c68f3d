// Wrapper module of the CEL evaluator the readiness tests use: cel-go at the
// version provider-kubernetes v1.2.1 (the pinned provider, see
// tools/crds.lock.yaml) is built with.
module tools/cel-readiness

go 1.26.0

require github.com/google/cel-go v0.23.2

require (
	cel.dev/expr v0.19.1 // indirect
	github.com/antlr4-go/antlr/v4 v4.13.0 // indirect
	github.com/stoewer/go-strcase v1.3.0 // indirect
	golang.org/x/exp v0.0.0-20230515195305-f3d0a9c9a5cc // indirect
	google.golang.org/genproto/googleapis/api v0.0.0-20240826202546-f6391c0de4c7 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20240826202546-f6391c0de4c7 // indirect
	google.golang.org/protobuf v1.36.5 // indirect
)
