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
    majorVersion: "15" | "16" | "17";
    /**
     * postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).
     */
    pgSettings?: {
      [k: string]: unknown | undefined;
    };
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
  };
  /**
   * Number of instances; more than one runs replicas with automatic failover.
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
  };
  /**
   * The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.
   */
  maintenance: {
    dayOfWeek?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
    /**
     * Start of the window, HH:MM:SS in UTC.
     */
    timeOfDay?: string;
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
}

export const parametersSchema = new Schema<Parameters>({"type":"object","default":{},"description":"The instance's settings. Every group is optional and defaulted.","properties":{"service":{"type":"object","default":{},"description":"The PostgreSQL service itself.","properties":{"majorVersion":{"type":"string","description":"PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["15","16","17"],"default":"17"},"pgSettings":{"type":"object","description":"postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).","x-kubernetes-preserve-unknown-fields":true},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.","enum":["besteffort","guaranteed"],"default":"besteffort"},"tls":{"type":"object","default":{},"description":"TLS of the PostgreSQL server.","properties":{"enabled":{"type":"boolean","description":"Whether the server offers TLS (the connection URL then says sslmode=require); takes effect without a restart.","default":true}}},"enableEnvoy":{"type":"boolean","description":"Run StackGres' Envoy sidecar in front of PostgreSQL (extra metrics); needs a restart.","default":false},"disablePgBouncer":{"type":"boolean","description":"Connect straight to PostgreSQL, without the PgBouncer connection pooler; needs a restart.","default":false},"pgBouncerSettings":{"type":"object","description":"pgbouncer.ini settings of the connection pooler, by section (pgbouncer, databases, users), each a map of parameter name to value.","properties":{"pgbouncer":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"databases":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"users":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},"vacuumEnabled":{"type":"boolean","description":"Run VACUUM ANALYZE on every database in the weekly maintenance window.","default":false},"repackEnabled":{"type":"boolean","description":"Run pg_repack on every database in the weekly maintenance window. At least one of vacuumEnabled and repackEnabled is on.","default":true}}},"size":{"type":"object","default":{},"description":"Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.","properties":{"plan":{"type":"string","description":"standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).","enum":["standard-2","standard-4","standard-8"],"default":"standard-2"},"cpu":{"type":"string","description":"CPU of each instance, in cores or millicores (2, 1500m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory of each instance (4Gi, 3984Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of each instance (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"}}},"instances":{"type":"integer","description":"Number of instances; more than one runs replicas with automatic failover.","minimum":1,"maximum":3,"default":1},"backup":{"type":"object","default":{},"description":"Backups to an object storage bucket composed for this instance.","properties":{"enabled":{"type":"boolean","description":"Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept.","default":true},"schedule":{"type":"string","description":"Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.","pattern":"^(\\S+\\s+){4}\\S+$"},"retention":{"type":"integer","description":"Number of full backups kept.","minimum":1,"default":6}}},"maintenance":{"type":"object","default":{},"description":"The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, HH:MM:SS in UTC.","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"}}},"security":{"type":"object","default":{},"description":"Who may delete, reach and read the instance.","properties":{"deletionProtection":{"type":"boolean","description":"While on, the API server refuses to delete the instance; set it to false to delete it.","default":true},"allowAllNamespaces":{"type":"boolean","description":"Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces.","default":false},"allowedNamespaces":{"type":"array","description":"Namespaces besides the claim's whose pods may connect to the instance.","items":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}},"allowedGroups":{"type":"array","description":"Groups that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}},"allowedUsers":{"type":"array","description":"Users that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}}}},"network":{"type":"object","default":{},"description":"How clients reach the instance.","properties":{"serviceType":{"type":"string","description":"ClusterIP: reachable inside the cluster. LoadBalancer: also on a public IPv4 address (LOADBALANCER_IP in the connection details), from the ranges in ipFilter. TCPGateway is not offered by this platform and is refused.","enum":["ClusterIP","LoadBalancer","TCPGateway"],"default":"ClusterIP"},"ipFilter":{"type":"array","description":"IPv4 addresses or CIDR ranges that may connect through the load balancer; 0.0.0.0/0 is the whole internet.","items":{"type":"string"},"default":["0.0.0.0/0"]}}},"monitoring":{"type":"object","default":{},"description":"Alerts of the instance. Its metrics are always collected and the usual PostgreSQL alerts always evaluated; these settings send them somewhere.","properties":{"alertmanagerConfigRef":{"type":"string","description":"An AlertmanagerConfig in the claim's namespace, copied to the instance namespace to route its alerts."},"alertmanagerConfigSecretRef":{"type":"string","description":"A Secret in the claim's namespace that the AlertmanagerConfig refers to, copied along with it."},"alertmanagerConfigTemplate":{"type":"object","description":"The spec of an AlertmanagerConfig (route, receivers, inhibitRules, muteTimeIntervals) routing the instance's alerts; takes precedence over alertmanagerConfigRef.","x-kubernetes-preserve-unknown-fields":true},"email":{"type":"string","description":"An e-mail address that receives the instance's alerts.","pattern":"^[^@\\s]+@[^@\\s]+$"}}},"scheduling":{"type":"object","default":{},"description":"Where the instance's pods run.","properties":{"nodeSelector":{"type":"object","description":"Labels a node must have for the instance's pods to run on it.","additionalProperties":{"type":"string"}}}}}}, 'spec.parameters', { applyDefaults: true });

export const inputSchema = new Schema<Input>({"type":"object","description":"Input of the VSHNPostgreSQL function; set by the platform in the composition.","required":["controlNamespace","connectionSecretNamespace"],"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"controlNamespace":{"type":"string","description":"Namespace users cannot see; billing config maps live there."},"connectionSecretNamespace":{"type":"string","description":"Namespace where composed objects write the connection details Crossplane reads."},"kubernetesProviderConfigName":{"type":"string","description":"ProviderConfig of provider-kubernetes.","default":"kubernetes"},"backupBucketCompositionName":{"type":"string","description":"Composition of the nested ObjectBucket that holds the backups. Without it, Crossplane selects the ObjectBucket composition."},"clusterDomain":{"type":"string","description":"DNS domain of the cluster, for the service's host name.","default":"cluster.local"},"platformNamespaces":{"type":"array","description":"Namespaces whose pods always reach the instance, whatever its security settings: the StackGres operator's and the Prometheus' that scrapes it.","items":{"type":"string"},"default":["stackgres","monitoring"]},"maintenanceJobImage":{"type":"string","description":"Image with kubectl that starts the weekly VACUUM and pg_repack runs (it creates StackGres SGDbOps) in the maintenance window.","default":"registry.k8s.io/kubectl:v1.33.0"},"emailAlerting":{"type":"object","description":"The platform's SMTP relay for monitoring.email. Without it, a claim that sets an e-mail address is refused.","required":["smarthost","from","passwordSecret"],"properties":{"smarthost":{"type":"string","description":"host:port of the SMTP relay."},"from":{"type":"string","description":"Sender address of the alert e-mails."},"authUsername":{"type":"string"},"passwordSecret":{"type":"object","description":"The Secret (in the control namespace) holding the relay's password; copied into each instance namespace that sends e-mail.","required":["name","key"],"properties":{"name":{"type":"string"},"key":{"type":"string"}}}}}}}, 'input', { applyDefaults: true });
