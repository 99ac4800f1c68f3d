// Code generated from xrds/vshn-postgresql.yaml and packages/function-vshn-postgresql/package/input/vshnpostgresql.fn.appcat.vshn.io_inputs.yaml by `make generate`. DO NOT EDIT.
import { Schema } from '@appcat/runtime';

/**
 * The instance's settings. Every group is optional and defaulted.
 */
export interface Parameters {
  /**
   * The PostgreSQL service itself.
   */
  service: {
    /**
     * PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.
     */
    majorVersion: "12" | "13" | "14" | "15" | "16" | "17" | "18";
    /**
     * postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).
     */
    pgSettings?: {
      [k: string]: unknown | undefined;
    };
    /**
     * PostgreSQL extensions StackGres installs (for example postgis, pg_repack); each still needs CREATE EXTENSION in its database.
     *
     * @maxItems 64
     */
    extensions?: {
      /**
       * The extension's name, as StackGres' extension repository lists it.
       */
      name: string;
      /**
       * An image with the extension; only CloudNativePG uses it, this catalog runs StackGres and refuses it.
       */
      image?: string;
      /**
       * Pull policy of the extension image; only CloudNativePG uses it.
       */
      imagePullPolicy?: string;
      /**
       * Only CloudNativePG uses it.
       */
      dynamic_library_path?: string[];
      /**
       * Only CloudNativePG uses it.
       */
      extension_control_path?: string[];
      /**
       * Only CloudNativePG uses it.
       */
      ld_library_path?: string[];
    }[];
    /**
     * Extra users, each with a database of its own (or an existing one) and its credentials in a connection Secret of its own.
     *
     * @maxItems 64
     */
    access?: {
      /**
       * The user's name. With nothing else set, it gets a database of the same name with all privileges on it.
       */
      user: string;
      /**
       * The database the user gets privileges on; created when missing. Defaults to the user's name.
       */
      database?: string;
      /**
       * Privileges on the database (CONNECT, CREATE, TEMPORARY, or ALL). Defaults to ALL.
       */
      privileges?: ("ALL" | "CONNECT" | "CREATE" | "TEMPORARY" | "TEMP")[];
      /**
       * The Secret the user's credentials are written to. Defaults to <claim name>-<user> in the claim's namespace.
       */
      writeConnectionSecretToRef?: {
        name: string;
        namespace: string;
      };
    }[];
    /**
     * true reserves the instance's CPU and memory for PostgreSQL alone, sidecars getting their own on top; false (the default) shares them among all containers.
     */
    dedicatedPatroniResources: boolean;
    /**
     * besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.
     */
    serviceLevel: "besteffort" | "guaranteed";
    /**
     * TLS of the PostgreSQL server.
     */
    tls: {
      /**
       * Whether the server offers TLS (the connection URL then says sslmode=require); takes effect without a restart.
       */
      enabled: boolean;
    };
    /**
     * Run StackGres' Envoy sidecar in front of PostgreSQL (extra metrics); needs a restart.
     */
    enableEnvoy: boolean;
    /**
     * Connect straight to PostgreSQL, without the PgBouncer connection pooler; needs a restart.
     */
    disablePgBouncer: boolean;
    /**
     * pgbouncer.ini settings of the connection pooler, by section (pgbouncer, databases, users), each a map of parameter name to value.
     */
    pgBouncerSettings?: {
      pgbouncer?: {
        [k: string]: unknown | undefined;
      };
      databases?: {
        [k: string]: unknown | undefined;
      };
      users?: {
        [k: string]: unknown | undefined;
      };
    };
    /**
     * Run VACUUM ANALYZE on every database in the weekly maintenance window.
     */
    vacuumEnabled: boolean;
    /**
     * Run pg_repack on every database in the weekly maintenance window. At least one of vacuumEnabled and repackEnabled is on.
     */
    repackEnabled: boolean;
  };
  /**
   * Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.
   */
  size: {
    /**
     * standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).
     */
    plan: "standard-2" | "standard-4" | "standard-8";
    /**
     * CPU of each instance, in cores or millicores (2, 1500m).
     */
    cpu?: string;
    /**
     * Memory of each instance (4Gi, 3984Mi).
     */
    memory?: string;
    /**
     * Disk of each instance (50Gi). It can grow, never shrink.
     */
    disk?: string;
    /**
     * CPU and memory reserved for each instance; they default to the instance's CPU and memory and cannot exceed them.
     */
    requests?: {
      /**
       * CPU requested, in cores or millicores (1, 250m).
       */
      cpu?: string;
      /**
       * Memory requested (1Gi, 512Mi).
       */
      memory?: string;
    };
  };
  /**
   * Number of instances; more than one runs replicas with automatic failover. 0 suspends the instance: PostgreSQL stops, its data and backups are kept.
   */
  instances: number;
  /**
   * Backups to an object storage bucket composed for this instance.
   */
  backup: {
    /**
     * Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept.
     */
    enabled: boolean;
    /**
     * Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.
     */
    schedule?: string;
    /**
     * Number of full backups kept.
     */
    retention: number;
    /**
     * Whether the backups outlive the instance: when it is deleted, its backup bucket and the backups in it are kept for deletionRetention days.
     */
    deletionProtection: boolean;
    /**
     * Days the backups are kept after the instance is deleted, when deletionProtection is on.
     */
    deletionRetention: number;
    /**
     * A bucket of your own for the backups instead of one composed for the instance. Its credentials are read from Secrets in the claim's namespace.
     */
    unmanagedBucket?: {
      /**
       * The bucket's name.
       */
      bucket: string;
      /**
       * The S3 endpoint without the bucket's name (https://objects.example.com).
       */
      endpoint: string;
      /**
       * The bucket's region.
       */
      region: string;
      /**
       * The Secret key holding AWS_ACCESS_KEY_ID.
       */
      accessKey: {
        name: string;
        key: string;
        optional?: boolean;
      };
      /**
       * The Secret key holding AWS_SECRET_ACCESS_KEY.
       */
      secretKey: {
        name: string;
        key: string;
        optional?: boolean;
      };
    };
  };
  /**
   * The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.
   */
  maintenance: {
    dayOfWeek?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
    /**
     * Start of the window, H:MM:SS or HH:MM:SS in UTC.
     */
    timeOfDay?: string;
    /**
     * Runs exactly this PostgreSQL version (major.minor, for example 16.4), even an older one than the newest of the major; it must be of the instance's major version. You then choose when to update.
     */
    pinImageTag?: string;
    /**
     * true keeps the instance on its composition revision in the maintenance window. The catalog never moves instances to a new revision on its own: Crossplane's compositionUpdatePolicy of the claim decides.
     */
    disableAppcatRelease: boolean;
  };
  /**
   * Who may delete, reach and read the instance.
   */
  security: {
    /**
     * While on, the API server refuses to delete the instance; set it to false to delete it.
     */
    deletionProtection: boolean;
    /**
     * Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces.
     */
    allowAllNamespaces: boolean;
    /**
     * Namespaces besides the claim's whose pods may connect to the instance.
     */
    allowedNamespaces?: string[];
    /**
     * Groups that may read (not change) the objects of the instance namespace, Secrets excepted.
     */
    allowedGroups?: string[];
    /**
     * Users that may read (not change) the objects of the instance namespace, Secrets excepted.
     */
    allowedUsers?: string[];
  };
  /**
   * How clients reach the instance.
   */
  network: {
    /**
     * ClusterIP: reachable inside the cluster. LoadBalancer: also on a public IPv4 address (LOADBALANCER_IP in the connection details), from the ranges in ipFilter. TCPGateway is not offered by this platform and is refused.
     */
    serviceType: "ClusterIP" | "LoadBalancer" | "TCPGateway";
    /**
     * IPv4 addresses or CIDR ranges that may connect through the load balancer; 0.0.0.0/0 is the whole internet.
     */
    ipFilter: string[];
  };
  /**
   * Alerts of the instance. Its metrics are always collected and the usual PostgreSQL alerts always evaluated; these settings send them somewhere.
   */
  monitoring: {
    /**
     * An AlertmanagerConfig in the claim's namespace, copied to the instance namespace to route its alerts.
     */
    alertmanagerConfigRef?: string;
    /**
     * A Secret in the claim's namespace that the AlertmanagerConfig refers to, copied along with it.
     */
    alertmanagerConfigSecretRef?: string;
    /**
     * The spec of an AlertmanagerConfig (route, receivers, inhibitRules, muteTimeIntervals) routing the instance's alerts; takes precedence over alertmanagerConfigRef.
     */
    alertmanagerConfigTemplate?: {
      [k: string]: unknown | undefined;
    };
    /**
     * An e-mail address that receives the instance's alerts.
     */
    email?: string;
  };
  /**
   * Where the instance's pods run.
   */
  scheduling: {
    /**
     * Labels a node must have for the instance's pods to run on it.
     */
    nodeSelector?: {
      [k: string]: string | undefined;
    };
  };
  /**
   * How the replicas follow the primary.
   */
  replication: {
    /**
     * async (the default) may lose the last transactions on failover; sync promotes only a replica that has every committed transaction; strict-sync also blocks writes while no synchronous replica is up (use 3 instances). sync and strict-sync need at least 2 instances.
     */
    mode: "async" | "sync" | "strict-sync";
  };
  /**
   * Creates the instance from a backup of another instance in the same namespace. Only read when the instance is created.
   */
  restore: {
    /**
     * The claim whose backup is restored; it must be in this claim's namespace.
     */
    claimName?: string;
    /**
     * The kind of that claim (VSHNPostgreSQL, the default).
     */
    claimType?: string;
    /**
     * The backup to restore (its name as kubectl get sgbackups shows it in the source's instance namespace).
     */
    backupName?: string;
    /**
     * Restore to this point in time (ISO 8601 in UTC, 2026-03-01T10:00:00Z), between the backup and the next one. Without it, the backup as it was taken.
     */
    recoveryTimeStamp?: string;
  };
  /**
   * Encryption of the instance's disks.
   */
  encryption: {
    /**
     * Whether the disks are encrypted; chosen when the instance is created.
     */
    enabled: boolean;
  };
  /**
   * When a change that needs a restart is applied.
   */
  updateStrategy: {
    /**
     * Immediate restarts PostgreSQL as soon as the change is made (a short downtime); OnRestart waits for the maintenance window.
     */
    type: "Immediate" | "OnRestart";
  };
  /**
   * Kubernetes objects of your own deployed into the instance namespace.
   */
  additionalResources: {
    /**
     * A ConfigMap in the claim's namespace; each entry is one object (YAML) to deploy.
     */
    configMapRef?: string;
  };
}

/**
 * Input of the VSHNPostgreSQL function; set by the platform in the composition.
 */
export interface Input {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Namespace users cannot see; billing config maps live there.
   */
  controlNamespace: string;
  /**
   * Namespace where composed objects write the connection details Crossplane reads.
   */
  connectionSecretNamespace: string;
  /**
   * ProviderConfig of provider-kubernetes.
   */
  kubernetesProviderConfigName: string;
  /**
   * Composition of the nested ObjectBucket that holds the backups. Without it, Crossplane selects the ObjectBucket composition.
   */
  backupBucketCompositionName?: string;
  /**
   * DNS domain of the cluster, for the service's host name.
   */
  clusterDomain: string;
  /**
   * Namespaces whose pods always reach the instance, whatever its security settings: the StackGres operator's and the Prometheus' that scrapes it.
   */
  platformNamespaces: string[];
  /**
   * Image with kubectl that starts the weekly VACUUM and pg_repack runs (it creates StackGres SGDbOps) in the maintenance window.
   */
  maintenanceJobImage: string;
  /**
   * The platform's SMTP relay for monitoring.email. Without it, a claim that sets an e-mail address is refused.
   */
  emailAlerting?: {
    /**
     * host:port of the SMTP relay.
     */
    smarthost: string;
    /**
     * Sender address of the alert e-mails.
     */
    from: string;
    authUsername?: string;
    /**
     * The Secret (in the control namespace) holding the relay's password; copied into each instance namespace that sends e-mail.
     */
    passwordSecret: {
      name: string;
      key: string;
    };
  };
  /**
   * StorageClass whose volumes the platform encrypts, for instances with encryption.enabled. Without it, encryption is refused.
   */
  encryptedStorageClassName?: string;
}

export const parametersSchema = new Schema<Parameters>({"type":"object","default":{},"description":"The instance's settings. Every group is optional and defaulted.","properties":{"service":{"type":"object","default":{},"description":"The PostgreSQL service itself.","properties":{"majorVersion":{"type":"string","description":"PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["12","13","14","15","16","17","18"],"default":"18"},"pgSettings":{"type":"object","description":"postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).","x-kubernetes-preserve-unknown-fields":true},"extensions":{"type":"array","description":"PostgreSQL extensions StackGres installs (for example postgis, pg_repack); each still needs CREATE EXTENSION in its database.","maxItems":64,"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string","description":"The extension's name, as StackGres' extension repository lists it.","pattern":"^[a-z0-9][a-z0-9_-]*$","maxLength":63},"image":{"type":"string","description":"An image with the extension; only CloudNativePG uses it, this catalog runs StackGres and refuses it."},"imagePullPolicy":{"type":"string","description":"Pull policy of the extension image; only CloudNativePG uses it."},"dynamic_library_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}},"extension_control_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}},"ld_library_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}}}}},"access":{"type":"array","description":"Extra users, each with a database of its own (or an existing one) and its credentials in a connection Secret of its own.","maxItems":64,"items":{"type":"object","required":["user"],"properties":{"user":{"type":"string","description":"The user's name. With nothing else set, it gets a database of the same name with all privileges on it.","pattern":"^[a-z_][a-z0-9_]*$","maxLength":63},"database":{"type":"string","description":"The database the user gets privileges on; created when missing. Defaults to the user's name.","pattern":"^[a-z_][a-z0-9_]*$","maxLength":63},"privileges":{"type":"array","description":"Privileges on the database (CONNECT, CREATE, TEMPORARY, or ALL). Defaults to ALL.","items":{"type":"string","enum":["ALL","CONNECT","CREATE","TEMPORARY","TEMP"]}},"writeConnectionSecretToRef":{"type":"object","description":"The Secret the user's credentials are written to. Defaults to <claim name>-<user> in the claim's namespace.","required":["name","namespace"],"properties":{"name":{"type":"string"},"namespace":{"type":"string"}}}}}},"dedicatedPatroniResources":{"type":"boolean","description":"true reserves the instance's CPU and memory for PostgreSQL alone, sidecars getting their own on top; false (the default) shares them among all containers.","default":false},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.","enum":["besteffort","guaranteed"],"default":"besteffort"},"tls":{"type":"object","default":{},"description":"TLS of the PostgreSQL server.","properties":{"enabled":{"type":"boolean","description":"Whether the server offers TLS (the connection URL then says sslmode=require); takes effect without a restart.","default":true}}},"enableEnvoy":{"type":"boolean","description":"Run StackGres' Envoy sidecar in front of PostgreSQL (extra metrics); needs a restart.","default":false},"disablePgBouncer":{"type":"boolean","description":"Connect straight to PostgreSQL, without the PgBouncer connection pooler; needs a restart.","default":false},"pgBouncerSettings":{"type":"object","description":"pgbouncer.ini settings of the connection pooler, by section (pgbouncer, databases, users), each a map of parameter name to value.","properties":{"pgbouncer":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"databases":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"users":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},"vacuumEnabled":{"type":"boolean","description":"Run VACUUM ANALYZE on every database in the weekly maintenance window.","default":false},"repackEnabled":{"type":"boolean","description":"Run pg_repack on every database in the weekly maintenance window. At least one of vacuumEnabled and repackEnabled is on.","default":true}}},"size":{"type":"object","default":{},"description":"Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.","properties":{"plan":{"type":"string","description":"standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).","enum":["standard-2","standard-4","standard-8"],"default":"standard-2"},"cpu":{"type":"string","description":"CPU of each instance, in cores or millicores (2, 1500m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory of each instance (4Gi, 3984Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of each instance (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"},"requests":{"type":"object","description":"CPU and memory reserved for each instance; they default to the instance's CPU and memory and cannot exceed them.","properties":{"cpu":{"type":"string","description":"CPU requested, in cores or millicores (1, 250m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory requested (1Gi, 512Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"}}}}},"instances":{"type":"integer","description":"Number of instances; more than one runs replicas with automatic failover. 0 suspends the instance: PostgreSQL stops, its data and backups are kept.","minimum":0,"maximum":3,"default":1},"backup":{"type":"object","default":{},"description":"Backups to an object storage bucket composed for this instance.","properties":{"enabled":{"type":"boolean","description":"Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept.","default":true},"schedule":{"type":"string","description":"Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.","pattern":"^(\\S+\\s+){4}\\S+$"},"retention":{"type":"integer","description":"Number of full backups kept.","minimum":1,"default":6},"deletionProtection":{"type":"boolean","description":"Whether the backups outlive the instance: when it is deleted, its backup bucket and the backups in it are kept for deletionRetention days.","default":true},"deletionRetention":{"type":"integer","description":"Days the backups are kept after the instance is deleted, when deletionProtection is on.","minimum":1,"maximum":3650,"default":7},"unmanagedBucket":{"type":"object","description":"A bucket of your own for the backups instead of one composed for the instance. Its credentials are read from Secrets in the claim's namespace.","required":["accessKey","bucket","endpoint","region","secretKey"],"properties":{"bucket":{"type":"string","description":"The bucket's name.","minLength":3,"maxLength":63},"endpoint":{"type":"string","description":"The S3 endpoint without the bucket's name (https://objects.example.com).","pattern":"^https?://[^\\s/]+(/\\S*)?$"},"region":{"type":"string","description":"The bucket's region.","minLength":1},"accessKey":{"type":"object","description":"The Secret key holding AWS_ACCESS_KEY_ID.","required":["key"],"x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"key":{"type":"string"},"optional":{"type":"boolean"}}},"secretKey":{"type":"object","description":"The Secret key holding AWS_SECRET_ACCESS_KEY.","required":["key"],"x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"key":{"type":"string"},"optional":{"type":"boolean"}}}}}}},"maintenance":{"type":"object","default":{},"description":"The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, H:MM:SS or HH:MM:SS in UTC.","pattern":"^([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"},"pinImageTag":{"type":"string","description":"Runs exactly this PostgreSQL version (major.minor, for example 16.4), even an older one than the newest of the major; it must be of the instance's major version. You then choose when to update.","pattern":"^[1-9][0-9]\\.[0-9]+$"},"disableAppcatRelease":{"type":"boolean","description":"true keeps the instance on its composition revision in the maintenance window. The catalog never moves instances to a new revision on its own: Crossplane's compositionUpdatePolicy of the claim decides.","default":false}}},"security":{"type":"object","default":{},"description":"Who may delete, reach and read the instance.","properties":{"deletionProtection":{"type":"boolean","description":"While on, the API server refuses to delete the instance; set it to false to delete it.","default":true},"allowAllNamespaces":{"type":"boolean","description":"Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces.","default":false},"allowedNamespaces":{"type":"array","description":"Namespaces besides the claim's whose pods may connect to the instance.","items":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}},"allowedGroups":{"type":"array","description":"Groups that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}},"allowedUsers":{"type":"array","description":"Users that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}}}},"network":{"type":"object","default":{},"description":"How clients reach the instance.","properties":{"serviceType":{"type":"string","description":"ClusterIP: reachable inside the cluster. LoadBalancer: also on a public IPv4 address (LOADBALANCER_IP in the connection details), from the ranges in ipFilter. TCPGateway is not offered by this platform and is refused.","enum":["ClusterIP","LoadBalancer","TCPGateway"],"default":"ClusterIP"},"ipFilter":{"type":"array","description":"IPv4 addresses or CIDR ranges that may connect through the load balancer; 0.0.0.0/0 is the whole internet.","items":{"type":"string"},"default":["0.0.0.0/0"]}}},"monitoring":{"type":"object","default":{},"description":"Alerts of the instance. Its metrics are always collected and the usual PostgreSQL alerts always evaluated; these settings send them somewhere.","properties":{"alertmanagerConfigRef":{"type":"string","description":"An AlertmanagerConfig in the claim's namespace, copied to the instance namespace to route its alerts."},"alertmanagerConfigSecretRef":{"type":"string","description":"A Secret in the claim's namespace that the AlertmanagerConfig refers to, copied along with it."},"alertmanagerConfigTemplate":{"type":"object","description":"The spec of an AlertmanagerConfig (route, receivers, inhibitRules, muteTimeIntervals) routing the instance's alerts; takes precedence over alertmanagerConfigRef.","x-kubernetes-preserve-unknown-fields":true},"email":{"type":"string","description":"An e-mail address that receives the instance's alerts.","pattern":"^[^@\\s]+@[^@\\s]+$"}}},"scheduling":{"type":"object","default":{},"description":"Where the instance's pods run.","properties":{"nodeSelector":{"type":"object","description":"Labels a node must have for the instance's pods to run on it.","additionalProperties":{"type":"string"}}}},"replication":{"type":"object","default":{},"description":"How the replicas follow the primary.","properties":{"mode":{"type":"string","description":"async (the default) may lose the last transactions on failover; sync promotes only a replica that has every committed transaction; strict-sync also blocks writes while no synchronous replica is up (use 3 instances). sync and strict-sync need at least 2 instances.","enum":["async","sync","strict-sync"],"default":"async"}}},"restore":{"type":"object","default":{},"description":"Creates the instance from a backup of another instance in the same namespace. Only read when the instance is created.","properties":{"claimName":{"type":"string","description":"The claim whose backup is restored; it must be in this claim's namespace.","maxLength":253},"claimType":{"type":"string","description":"The kind of that claim (VSHNPostgreSQL, the default).","maxLength":63},"backupName":{"type":"string","description":"The backup to restore (its name as kubectl get sgbackups shows it in the source's instance namespace).","maxLength":253},"recoveryTimeStamp":{"type":"string","description":"Restore to this point in time (ISO 8601 in UTC, 2026-03-01T10:00:00Z), between the backup and the next one. Without it, the backup as it was taken.","pattern":"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-][01][0-9]:[0-5][0-9])$"}}},"encryption":{"type":"object","default":{},"description":"Encryption of the instance's disks.","properties":{"enabled":{"type":"boolean","description":"Whether the disks are encrypted; chosen when the instance is created.","default":false}}},"updateStrategy":{"type":"object","default":{},"description":"When a change that needs a restart is applied.","properties":{"type":{"type":"string","description":"Immediate restarts PostgreSQL as soon as the change is made (a short downtime); OnRestart waits for the maintenance window.","enum":["Immediate","OnRestart"],"default":"Immediate"}}},"additionalResources":{"type":"object","default":{},"description":"Kubernetes objects of your own deployed into the instance namespace.","properties":{"configMapRef":{"type":"string","description":"A ConfigMap in the claim's namespace; each entry is one object (YAML) to deploy."}}}}}, 'spec.parameters', { applyDefaults: true });

export const inputSchema = new Schema<Input>({"type":"object","description":"Input of the VSHNPostgreSQL function; set by the platform in the composition.","required":["controlNamespace","connectionSecretNamespace"],"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"controlNamespace":{"type":"string","description":"Namespace users cannot see; billing config maps live there."},"connectionSecretNamespace":{"type":"string","description":"Namespace where composed objects write the connection details Crossplane reads."},"kubernetesProviderConfigName":{"type":"string","description":"ProviderConfig of provider-kubernetes.","default":"kubernetes"},"backupBucketCompositionName":{"type":"string","description":"Composition of the nested ObjectBucket that holds the backups. Without it, Crossplane selects the ObjectBucket composition."},"clusterDomain":{"type":"string","description":"DNS domain of the cluster, for the service's host name.","default":"cluster.local"},"platformNamespaces":{"type":"array","description":"Namespaces whose pods always reach the instance, whatever its security settings: the StackGres operator's and the Prometheus' that scrapes it.","items":{"type":"string"},"default":["stackgres","monitoring"]},"maintenanceJobImage":{"type":"string","description":"Image with kubectl that starts the weekly VACUUM and pg_repack runs (it creates StackGres SGDbOps) in the maintenance window.","default":"registry.k8s.io/kubectl:v1.33.0"},"emailAlerting":{"type":"object","description":"The platform's SMTP relay for monitoring.email. Without it, a claim that sets an e-mail address is refused.","required":["smarthost","from","passwordSecret"],"properties":{"smarthost":{"type":"string","description":"host:port of the SMTP relay."},"from":{"type":"string","description":"Sender address of the alert e-mails."},"authUsername":{"type":"string"},"passwordSecret":{"type":"object","description":"The Secret (in the control namespace) holding the relay's password; copied into each instance namespace that sends e-mail.","required":["name","key"],"properties":{"name":{"type":"string"},"key":{"type":"string"}}}}},"encryptedStorageClassName":{"type":"string","description":"StorageClass whose volumes the platform encrypts, for instances with encryption.enabled. Without it, encryption is refused."}}}, 'input', { applyDefaults: true });
