// BillingEntity storage on the ERP: Kubernetes names and versions in, ERP
// calls out. Odoo has no conditional write, so the resourceVersion check and
// the write happen under a lock: per entity in this process, and across
// replicas a Lease in kube-apiserver (kube/lease.ts). Of two concurrent
// updates from the same version, on any replicas, exactly one wins and the
// other gets 409.
// Creates hold a Lease named after their in-flight marker until the records
// are complete or removed; a sweep discards marked records whose lease it
// can take (the create finished or its holder died), so a crash between the
// ERP writes leaves nothing behind.
import { randomUUID } from 'node:crypto';
import type { Erp } from '../erp/erp.js';
import type { HeldLease, LeaseLocks } from '../kube/lease.js';
import { type BillingEntity, type BillingEntitySpec, idOf, nameOf, toBillingEntity, toEntityData } from './entity.js';
import { conflict, notFound } from './status.js';

export interface StoreOptions {
  /** Cross-replica locks; without them (tests, a single process) writes are serialized in this process only. */
  leases?: LeaseLocks;
  /** Time a write needs once the version is checked (the ERP deadline of its calls); the lock must outlast it. */
  writeMs?: number;
}

const entityLease = (name: string): string => `billingentity-${name}`;
const createLease = (marker: string): string => `billingentity-create-${marker}`;
const unlocked: HeldLease = { name: '', assertHeld: () => undefined };

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
  private readonly writeMs: number;

  constructor(
    readonly erp: Erp,
    private readonly o: StoreOptions = {},
  ) {
    this.writeMs = o.writeMs ?? 10_000;
  }

  /** `fn` under the entity's lock: this process's first, then the replicas' Lease. */
  private exclusive<T>(name: string, fn: (held: HeldLease) => Promise<T>): Promise<T> {
    const leases = this.o.leases;
    return this.locks.run(name, () => (leases ? leases.hold(entityLease(name), `billing entity ${name}`, fn) : fn(unlocked)));
  }

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

  /**
   * Creates the entity; `prepare` runs with its name while the ERP records
   * are still marked in flight (the roles are made there), and a throw from
   * it undoes the create.
   */
  async create(spec: BillingEntitySpec, prepare: (name: string) => Promise<void> = () => Promise.resolve()): Promise<BillingEntity> {
    const marker = randomUUID();
    const create = async (held: HeldLease): Promise<BillingEntity> =>
      toBillingEntity(
        await this.erp.create(toEntityData(spec), {
          marker,
          beforeComplete: async (id) => {
            await prepare(nameOf(id));
            held.assertHeld(this.writeMs);
          },
        }),
      );
    const leases = this.o.leases;
    return leases ? leases.hold(createLease(marker), 'a new billing entity', create) : create(unlocked);
  }

  /**
   * Discards creates left in flight whose lease can be taken: their creator
   * finished (then nothing is marked any more) or died (its lease expired, as
   * seen on two passes a lease duration apart). `revoke` removes the roles a
   * create may have made before it died. Returns the number of records removed.
   */
  async sweep(revoke: (name: string) => Promise<void>): Promise<number> {
    const leases = this.o.leases;
    let removed = 0;
    for (const { marker } of await this.erp.inflight()) {
      const clean = async (): Promise<number> => {
        // Read again under the lease: the create may have completed meanwhile.
        const [left] = await this.erp.inflight(marker);
        if (!left) return 0;
        // Roles first: if this pass dies here, the records are still marked for the next.
        await Promise.all(left.entityIds.map((id) => revoke(nameOf(id))));
        return this.erp.discard(marker);
      };
      if (!leases) removed += await clean();
      else removed += (await leases.tryHold(createLease(marker), clean))?.value ?? 0;
    }
    return removed;
  }

  /**
   * Reads the entity, lets `change` compute the new one from it (a replacement
   * or a patch result), checks its resourceVersion precondition, and writes.
   * `write: false` (dry run) checks without writing.
   */
  async update(name: string, change: (current: BillingEntity) => BillingEntity, write = true): Promise<BillingEntity> {
    const id = this.id(name);
    return this.exclusive(name, async (held) => {
      const current = toBillingEntity(await this.erp.get(id));
      const next = change(current);
      const rv = next.metadata.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) {
        throw conflict(name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      if (!write) return { ...next, metadata: current.metadata };
      held.assertHeld(this.writeMs);
      return toBillingEntity(await this.erp.update(id, toEntityData(next.spec)));
    });
  }

  async archive(name: string, write = true): Promise<BillingEntity> {
    const id = this.id(name);
    return this.exclusive(name, async (held) => {
      const current = toBillingEntity(await this.erp.get(id));
      held.assertHeld(this.writeMs);
      if (write) await this.erp.archive(id);
      return current;
    });
  }
}
