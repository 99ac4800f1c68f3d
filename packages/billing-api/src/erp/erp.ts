// What the API server needs from an ERP, in the ERP's terms: billing entities
// with ERP ids and write times. The Kubernetes shape lives in ../api.

export interface Address {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  /** Country display name, as the ERP names it (e.g. "Switzerland"). */
  country: string;
}

export interface EntityData {
  name: string;
  phone: string;
  emails: string[];
  address: Address;
  accountingContact: { name: string; emails: string[] };
  languagePreference: string;
}

export interface EntityRecord extends EntityData {
  /** ERP id the Kubernetes name derives from (the invoice contact's id). */
  id: number;
  /** When the ERP created the record (ms since epoch). */
  createdAt: number;
  /** Latest ERP write to any of the entity's records (ms since epoch, second precision). */
  writtenAt: number;
}

export interface Erp {
  get(id: number): Promise<EntityRecord>;
  /** Every active entity, or those of `ids`, ordered by id. */
  list(ids?: number[]): Promise<EntityRecord[]>;
  /** Entities archived after `since` (ms), for watch's DELETED events. */
  archivedSince(since: number): Promise<number[]>;
  /**
   * Creates the entity's records marked in flight with `opts.marker` (random
   * by default), runs `opts.beforeComplete` with the new id while they are
   * still invisible, then clears the mark. On failure, removes what it made
   * where it can; what stays is marked and found by inflight().
   */
  create(data: EntityData, opts?: CreateOptions): Promise<EntityRecord>;
  /** Creates not completed, by marker (each may still be running elsewhere), or only `marker`'s. */
  inflight(marker?: string): Promise<InFlight[]>;
  /** Removes every record marked with `marker`; returns how many. */
  discard(marker: string): Promise<number>;
  update(id: number, data: EntityData): Promise<EntityRecord>;
  /** Archives the entity's records (active=false); it no longer appears in get or list. */
  archive(id: number): Promise<void>;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<void>;
}

export interface CreateOptions {
  marker?: string;
  /** Runs once both records exist, before they become visible; a throw undoes the create. */
  beforeComplete?: (id: number) => Promise<void>;
}

/** Records a create left marked. */
export interface InFlight {
  marker: string;
  /** Ids of the entities among them (invoice contacts), whose roles may exist. */
  entityIds: number[];
}

/** The ERP answered but the entity does not exist (or is archived). */
export class ErpNotFound extends Error {
  constructor(readonly id: number) {
    super(`billing entity ${id} not found in the ERP`);
  }
}

/** Input the ERP cannot store, naming the entity field at fault. */
export class ErpInvalid extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The ERP cannot be reached, failed, or the circuit breaker is open. */
export class ErpUnavailable extends Error {
  constructor(
    message: string,
    /** Seconds after which a retry may succeed. */
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}

/** The ERP did not answer within the deadline. */
export class ErpTimeout extends Error {}
