// The PostgreSQL settings a claim may pass to Exoscale. provider-exoscale
// hands `pgSettings` to Exoscale's API unchecked, and Exoscale refuses an
// unknown name only when the provider calls it: a Synced=False on a managed
// resource the user never sees, and no database. Naming the setting here puts
// the refusal on the claim instead.
import { flatSettings, type SettingValue } from '@appcat/appcat';
import { FieldError, ValidationError } from '@appcat/runtime';

/**
 * The names of Exoscale's pg-settings schema for a PostgreSQL service, as
 * egoscale v3.1.27 models it (JSONSchemaPG; its autovacuum, bg-writer and wal
 * groups are flat names on the wire). Check `exo dbaas type show pg
 * --settings pg` when Exoscale adds one.
 */
export const EXOSCALE_PG_SETTINGS: ReadonlySet<string> = new Set([
  'autovacuum_analyze_scale_factor',
  'autovacuum_analyze_threshold',
  'autovacuum_freeze_max_age',
  'autovacuum_max_workers',
  'autovacuum_naptime',
  'autovacuum_vacuum_cost_delay',
  'autovacuum_vacuum_cost_limit',
  'autovacuum_vacuum_scale_factor',
  'autovacuum_vacuum_threshold',
  'bgwriter_delay',
  'bgwriter_flush_after',
  'bgwriter_lru_maxpages',
  'bgwriter_lru_multiplier',
  'deadlock_timeout',
  'default_toast_compression',
  'idle_in_transaction_session_timeout',
  'jit',
  'log_autovacuum_min_duration',
  'log_error_verbosity',
  'log_line_prefix',
  'log_min_duration_statement',
  'log_temp_files',
  'max_files_per_process',
  'max_locks_per_transaction',
  'max_logical_replication_workers',
  'max_parallel_workers',
  'max_parallel_workers_per_gather',
  'max_pred_locks_per_transaction',
  'max_prepared_transactions',
  'max_replication_slots',
  'max_slot_wal_keep_size',
  'max_stack_depth',
  'max_standby_archive_delay',
  'max_standby_streaming_delay',
  'max_wal_senders',
  'max_worker_processes',
  'pg_partman_bgw.interval',
  'pg_partman_bgw.role',
  'pg_stat_monitor.pgsm_enable_query_plan',
  'pg_stat_monitor.pgsm_max_buckets',
  'pg_stat_statements.track',
  'temp_file_limit',
  'timezone',
  'track_activity_query_size',
  'track_commit_timestamp',
  'track_functions',
  'track_io_timing',
  'wal_sender_timeout',
  'wal_writer_delay',
]);

/** Levenshtein distance, for suggesting the setting a typo meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The allowed name closest to `name`, when it is close enough to be a typo of it. */
function suggestion(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const allowed of EXOSCALE_PG_SETTINGS) {
    const d = distance(name.toLowerCase(), allowed);
    if (d <= 3 && (best === undefined || d < best.distance)) best = { name: allowed, distance: d };
  }
  return best?.name;
}

/** The claim's settings, flat and each one Exoscale allows; a ValidationError naming every other one. */
export function exoscaleSettings(field: string, settings: unknown): Record<string, SettingValue> {
  const flat = flatSettings(field, settings);
  const errors = Object.keys(flat)
    .filter((name) => !EXOSCALE_PG_SETTINGS.has(name))
    .map((name) => {
      const meant = suggestion(name);
      return new FieldError(
        `${field}.${name}`,
        `is not a setting Exoscale allows${meant ? `; did you mean "${meant}"?` : ' (see `exo dbaas type show pg --settings pg`)'}`,
      );
    });
  if (errors.length > 0) throw new ValidationError(errors);
  return flat;
}
