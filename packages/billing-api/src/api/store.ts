// BillingEntity storage on the ERP: Kubernetes names and versions in, ERP
// calls out. Writes to one entity are serialized in this process and check
// the resourceVersion after taking the lock, so of two concurrent updates
// from the same version exactly one wins and the other gets 409.
import type { Erp } from '../erp/erp.js';
import { type BillingEntity, type BillingEntitySpec, idOf, toBillingEntity, toEntityData } from './entity.js';
import { conflict, notFound } from './status.js';

class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const current = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

export class EntityStore {
  private readonly locks = new KeyedMutex();

  constructor(readonly erp: Erp) {}

  private id(name: string): number {
    const id = idOf(name);
    if (id === undefined) throw notFound(name);
    return id;
  }

  async get(name: string): Promise<BillingEntity> {
    return toBillingEntity(await this.erp.get(this.id(name)));
  }

  /** Every entity, or only those named (names no entity can have are skipped). */
  async list(names?: string[]): Promise<BillingEntity[]> {
    const ids = names?.map(idOf).filter((id): id is number => id !== undefined);
    return (await this.erp.list(ids)).map(toBillingEntity);
  }

  async create(spec: BillingEntitySpec): Promise<BillingEntity> {
    return toBillingEntity(await this.erp.create(toEntityData(spec)));
  }

  /**
   * Reads the entity, lets `change` compute the new one from it (a replacement
   * or a patch result), checks its resourceVersion precondition, and writes.
   * `write: false` (dry run) checks without writing.
   */
  async update(name: string, change: (current: BillingEntity) => BillingEntity, write = true): Promise<BillingEntity> {
    const id = this.id(name);
    return this.locks.run(name, async () => {
      const current = toBillingEntity(await this.erp.get(id));
      const next = change(current);
      const rv = next.metadata.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) {
        throw conflict(name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      if (!write) return { ...next, metadata: current.metadata };
      return toBillingEntity(await this.erp.update(id, toEntityData(next.spec)));
    });
  }

  async archive(name: string, write = true): Promise<BillingEntity> {
    const id = this.id(name);
    return this.locks.run(name, async () => {
      const current = toBillingEntity(await this.erp.get(id));
      if (write) await this.erp.archive(id);
      return current;
    });
  }
}
