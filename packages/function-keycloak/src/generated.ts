// Code generated from xrds/keycloak.yaml and packages/function-keycloak/package/input/keycloak.fn.appcat.vshn.io_inputs.yaml by `make generate`. DO NOT EDIT.
import { Schema } from '@appcat/runtime';

/**
 * The instance's settings. Every group is optional and defaulted.
 */
export interface Parameters {
  /**
   * The Keycloak service itself.
   */
  service: {
    /**
     * Keycloak major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.
     */
    version: "25" | "26";
    /**
     * Public host name of Keycloak (sso.example.com). With it, Keycloak is reachable through an ingress with TLS; without it, only inside the cluster.
     */
    fqdn?: string;
    /**
     * Path Keycloak is served under: / (the default) or a path such as /auth, without a trailing slash.
     */
    relativePath: string;
    /**
     * besteffort is supported during office hours; guaranteed is supported around the clock, needs at least two instances, keeps one of them running through voluntary disruptions and makes the database guaranteed too.
     */
    serviceLevel: "besteffort" | "guaranteed";
    /**
     * An image with themes (in /themes) and providers (in /providers), copied into Keycloak before it starts, and the source of customFiles.
     */
    customizationImage?: {
      /**
       * The image reference (registry/name:tag).
       */
      image?: string;
      /**
       * A pull secret for the image, in the claim's namespace unless a namespace is given; it is copied into the instance namespace.
       */
      imagePullSecretRef?: {
        name?: string;
        namespace?: string;
      };
    };
    /**
     * Files or folders copied from the customizationImage into Keycloak.
     */
    customFiles?: {
      /**
       * Path of the file or folder in the customization image.
       */
      source: string;
      /**
       * Where it appears, relative to /opt/keycloak/ (conf/quarkus.properties).
       */
      destination: string;
    }[];
    /**
     * A ConfigMap in the claim's namespace with realm exports (JSON files), copied into the instance namespace and imported when Keycloak starts; realms that exist are not overwritten.
     */
    customConfigurationRef?: string;
    /**
     * A Secret in the claim's namespace whose entries become environment variables of Keycloak (the older form of envFrom).
     */
    customEnvVariablesRef?: string;
    /**
     * ConfigMaps or Secrets in the claim's namespace whose entries become environment variables of Keycloak; each is copied into the instance namespace.
     */
    envFrom?: {
      configMapRef?: {
        name: string;
        optional?: boolean;
      };
      secretRef?: {
        name: string;
        optional?: boolean;
      };
      /**
       * Prepended to each variable's name.
       */
      prefix?: string;
    }[];
    /**
     * Secrets or ConfigMaps in the claim's namespace, copied into the instance namespace and mounted under /custom/secrets/<name> or /custom/configs/<name>.
     */
    customMounts?: {
      /**
       * The Secret's or ConfigMap's name in the claim's namespace.
       */
      name: string;
      type: "secret" | "configMap";
    }[];
    /**
     * Where the admin console is reachable.
     */
    adminConsole?: {
      /**
       * A host name of its own for the admin console, with an ingress of its own. Without it, the console is under the main fqdn.
       */
      fqdn?: string;
      /**
       * The admin console is not served under the main fqdn, only inside the cluster (a port-forward) or under adminConsole.fqdn.
       */
      private: boolean;
    };
    /**
     * Parameters of the PostgreSQL database composed for Keycloak, as spec.parameters of a VSHNPostgreSQL. They are laid over Keycloak's defaults for its database (its size.disk, backup, restore, maintenance and service level).
     */
    postgreSQLParameters: {
      /**
       * The PostgreSQL service itself.
       */
      service?: {
        /**
         * PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.
         */
        majorVersion?: "15" | "16" | "17";
        /**
         * postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).
         */
        pgSettings?: {
          [k: string]: unknown | undefined;
        };
        /**
         * besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.
         */
        serviceLevel?: "besteffort" | "guaranteed";
      };
      /**
       * Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.
       */
      size?: {
        /**
         * standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).
         */
        plan?: "standard-2" | "standard-4" | "standard-8";
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
      instances?: number;
      /**
       * Backups to an object storage bucket composed for this instance.
       */
      backup?: {
        /**
         * Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept.
         */
        enabled?: boolean;
        /**
         * Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.
         */
        schedule?: string;
        /**
         * Number of full backups kept.
         */
        retention?: number;
      };
      /**
       * The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.
       */
      maintenance?: {
        dayOfWeek?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
        /**
         * Start of the window, HH:MM:SS in UTC.
         */
        timeOfDay?: string;
      };
    };
  };
  /**
   * Resources of each Keycloak instance. The plan sets CPU and memory; cpu, memory and requests override it; disk is the database's.
   */
  size: {
    /**
     * standard-2 (500m CPU, 2Gi memory), standard-4 (1 CPU, 4Gi) or standard-8 (2 CPU, 8Gi).
     */
    plan: "standard-2" | "standard-4" | "standard-8";
    /**
     * CPU limit of each instance, in cores or millicores (2, 1500m).
     */
    cpu?: string;
    /**
     * Memory limit of each instance (4Gi, 3072Mi).
     */
    memory?: string;
    /**
     * Disk of the database (50Gi). It can grow, never shrink.
     */
    disk?: string;
    /**
     * CPU and memory requested for each instance; defaults to the limits.
     */
    requests?: {
      cpu?: string;
      memory?: string;
    };
  };
  /**
   * Number of Keycloak instances; more than one run as a cluster; 0 suspends Keycloak, keeping its database and data.
   */
  instances: number;
  /**
   * Backups of Keycloak's data, which is all in its database.
   */
  backup: {
    /**
     * Whether the database is backed up.
     */
    enabled: boolean;
    /**
     * How far back backups reach. The database takes a full backup a day: it keeps keepLast of them, or enough to reach back keepDaily days, keepWeekly weeks, keepMonthly months and keepYearly years, whichever is more (keepHourly is covered by the daily backups' point-in-time recovery).
     */
    retention: {
      keepLast?: number;
      keepHourly?: number;
      keepDaily: number;
      keepWeekly?: number;
      keepMonthly?: number;
      keepYearly?: number;
    };
    /**
     * Cron schedule of the database's daily full backup (minute hour day month weekday). Defaults to a time derived from the instance.
     */
    schedule?: string;
    /**
     * A bucket of your own for the backups. Not offered here: backups go to a bucket composed for the database; a claim that sets it is refused.
     */
    unmanagedBucket?: {
      [k: string]: unknown | undefined;
    };
  };
  /**
   * Creates this instance from a backup of another VSHNKeycloak in the same namespace: its database is restored, then Keycloak starts on it.
   */
  restore?: {
    /**
     * The VSHNKeycloak to restore from, in this claim's namespace.
     */
    claimName?: string;
    /**
     * Kind of the instance restored from; only VSHNKeycloak.
     */
    claimType?: "VSHNKeycloak";
    /**
     * The database backup to restore; the latest when not set.
     */
    backupName?: string;
    /**
     * Restore the database as it was at this time (RFC 3339 in UTC, 2025-03-01T12:00:00Z) instead of at the end of the backup.
     */
    recoveryTimeStamp?: string;
  };
  /**
   * Where Keycloak's pods run.
   */
  scheduling: {
    /**
     * Labels a node must have to run Keycloak.
     */
    nodeSelector?: {
      [k: string]: string | undefined;
    };
  };
  /**
   * TLS of Keycloak's in-cluster service.
   */
  tls: {
    /**
     * Keycloak serves HTTPS only, with a certificate of the instance's CA. When false, it also serves plain HTTP and KEYCLOAK_URL is the HTTP one.
     */
    enabled: boolean;
    /**
     * Keycloak asks HTTPS clients for a certificate (KC_HTTPS_CLIENT_AUTH request), so X.509 client authentication works; none when false.
     */
    authClients: boolean;
  };
  /**
   * The weekly maintenance window, also the database's. Defaults to a window derived from the instance, shown in status.schedules.maintenance.
   */
  maintenance: {
    /**
     * Day the window starts.
     */
    dayOfWeek?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
    /**
     * Start of the window, HH:MM:SS in UTC.
     */
    timeOfDay?: string;
    /**
     * Runs exactly this Keycloak image tag instead of the catalog's release of service.version; it must be a release of that major version.
     */
    pinImageTag?: string;
    /**
     * Whether new releases of the catalog (composition revisions) wait for you instead of rolling out in the maintenance window; published as status.schedules.maintenance.appcatRelease, which the platform's rollout reads.
     */
    disableAppcatRelease: boolean;
  };
  /**
   * Kubernetes objects of your own deployed into the instance namespace. Not enabled on this platform: a claim that sets it is refused.
   */
  additionalResources?: {
    /**
     * A ConfigMap in the claim's namespace whose entries each hold an object.
     */
    configMapRef?: string;
  };
  /**
   * Who may reach and see the instance, and whether it can be deleted.
   */
  security: {
    /**
     * The claim cannot be deleted while this is true; set it to false to delete the instance.
     */
    deletionProtection: boolean;
    /**
     * Keycloak is reachable from every namespace; supersedes allowedNamespaces.
     */
    allowAllNamespaces: boolean;
    /**
     * Namespaces besides the claim's from which Keycloak is reachable.
     */
    allowedNamespaces?: string[];
    /**
     * Groups that may read the objects in the instance namespace.
     */
    allowedGroups?: string[];
    /**
     * Users that may read the objects in the instance namespace.
     */
    allowedUsers?: string[];
  };
  /**
   * Where the instance's alerts go.
   */
  monitoring: {
    /**
     * An AlertmanagerConfig in the claim's namespace, copied into the instance namespace.
     */
    alertmanagerConfigRef?: string;
    /**
     * A Secret in the claim's namespace that the AlertmanagerConfig uses, copied with it.
     */
    alertmanagerConfigSecretRef?: string;
    /**
     * The spec of an AlertmanagerConfig composed in the instance namespace; takes precedence over alertmanagerConfigRef.
     */
    alertmanagerConfigTemplate?: {
      [k: string]: unknown | undefined;
    };
    /**
     * An address the alerts are sent to by e-mail.
     */
    email?: string;
  };
}

/**
 * Input of the VSHNKeycloak function; set by the platform in the composition.
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
   * ProviderConfig of provider-helm, which installs the Keycloak chart.
   */
  helmProviderConfigName: string;
  /**
   * Composition of the nested VSHNPostgreSQL that holds Keycloak's data.
   */
  postgresqlCompositionName: string;
  /**
   * Helm repository of the codecentric keycloakx chart.
   */
  chartRepository: string;
  /**
   * Version of the keycloakx chart.
   */
  chartVersion: string;
  /**
   * DNS domain of the cluster, for the service's host name.
   */
  clusterDomain: string;
  /**
   * cert-manager ClusterIssuer of the ingress certificate of instances with an fqdn. Without it, the ingress controller's default certificate is served.
   */
  ingressClusterIssuer?: string;
}

export const parametersSchema = new Schema<Parameters>({"type":"object","default":{},"description":"The instance's settings. Every group is optional and defaulted.","properties":{"service":{"type":"object","default":{},"description":"The Keycloak service itself.","properties":{"version":{"type":"string","description":"Keycloak major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["25","26"],"default":"26"},"fqdn":{"type":"string","description":"Public host name of Keycloak (sso.example.com). With it, Keycloak is reachable through an ingress with TLS; without it, only inside the cluster.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$","maxLength":253},"relativePath":{"type":"string","description":"Path Keycloak is served under: / (the default) or a path such as /auth, without a trailing slash.","pattern":"^/([A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*)?$","default":"/"},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock, needs at least two instances, keeps one of them running through voluntary disruptions and makes the database guaranteed too.","enum":["besteffort","guaranteed"],"default":"besteffort"},"customizationImage":{"type":"object","description":"An image with themes (in /themes) and providers (in /providers), copied into Keycloak before it starts, and the source of customFiles.","properties":{"image":{"type":"string","description":"The image reference (registry/name:tag)."},"imagePullSecretRef":{"type":"object","description":"A pull secret for the image, in the claim's namespace unless a namespace is given; it is copied into the instance namespace.","x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string"},"namespace":{"type":"string"}}}}},"customFiles":{"type":"array","description":"Files or folders copied from the customizationImage into Keycloak.","items":{"type":"object","required":["source","destination"],"properties":{"source":{"type":"string","description":"Path of the file or folder in the customization image."},"destination":{"type":"string","description":"Where it appears, relative to /opt/keycloak/ (conf/quarkus.properties)."}}}},"customConfigurationRef":{"type":"string","description":"A ConfigMap in the claim's namespace with realm exports (JSON files), copied into the instance namespace and imported when Keycloak starts; realms that exist are not overwritten."},"customEnvVariablesRef":{"type":"string","description":"A Secret in the claim's namespace whose entries become environment variables of Keycloak (the older form of envFrom)."},"envFrom":{"type":"array","description":"ConfigMaps or Secrets in the claim's namespace whose entries become environment variables of Keycloak; each is copied into the instance namespace.","items":{"type":"object","properties":{"configMapRef":{"type":"object","x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"optional":{"type":"boolean"}}},"secretRef":{"type":"object","x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"optional":{"type":"boolean"}}},"prefix":{"type":"string","description":"Prepended to each variable's name."}}}},"customMounts":{"type":"array","description":"Secrets or ConfigMaps in the claim's namespace, copied into the instance namespace and mounted under /custom/secrets/<name> or /custom/configs/<name>.","items":{"type":"object","required":["name","type"],"properties":{"name":{"type":"string","description":"The Secret's or ConfigMap's name in the claim's namespace."},"type":{"type":"string","enum":["secret","configMap"]}}}},"adminConsole":{"type":"object","description":"Where the admin console is reachable.","properties":{"fqdn":{"type":"string","description":"A host name of its own for the admin console, with an ingress of its own. Without it, the console is under the main fqdn.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$","maxLength":253},"private":{"type":"boolean","description":"The admin console is not served under the main fqdn, only inside the cluster (a port-forward) or under adminConsole.fqdn.","default":false}}},"postgreSQLParameters":{"type":"object","default":{},"description":"Parameters of the PostgreSQL database composed for Keycloak, as spec.parameters of a VSHNPostgreSQL. They are laid over Keycloak's defaults for its database (its size.disk, backup, restore, maintenance and service level).","properties":{"service":{"type":"object","description":"The PostgreSQL service itself.","properties":{"majorVersion":{"type":"string","description":"PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["15","16","17"]},"pgSettings":{"type":"object","description":"postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).","x-kubernetes-preserve-unknown-fields":true},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.","enum":["besteffort","guaranteed"]}}},"size":{"type":"object","description":"Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.","properties":{"plan":{"type":"string","description":"standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).","enum":["standard-2","standard-4","standard-8"]},"cpu":{"type":"string","description":"CPU of each instance, in cores or millicores (2, 1500m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory of each instance (4Gi, 3984Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of each instance (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"}}},"instances":{"type":"integer","description":"Number of instances; more than one runs replicas with automatic failover.","minimum":1,"maximum":3},"backup":{"type":"object","description":"Backups to an object storage bucket composed for this instance.","properties":{"enabled":{"type":"boolean","description":"Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept."},"schedule":{"type":"string","description":"Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.","pattern":"^(\\S+\\s+){4}\\S+$"},"retention":{"type":"integer","description":"Number of full backups kept.","minimum":1}}},"maintenance":{"type":"object","description":"The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, HH:MM:SS in UTC.","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"}}}}}}},"size":{"type":"object","default":{},"description":"Resources of each Keycloak instance. The plan sets CPU and memory; cpu, memory and requests override it; disk is the database's.","properties":{"plan":{"type":"string","description":"standard-2 (500m CPU, 2Gi memory), standard-4 (1 CPU, 4Gi) or standard-8 (2 CPU, 8Gi).","enum":["standard-2","standard-4","standard-8"],"default":"standard-2"},"cpu":{"type":"string","description":"CPU limit of each instance, in cores or millicores (2, 1500m).","pattern":"^([1-9][0-9]*m|[0-9]+(\\.[0-9]+)?)$"},"memory":{"type":"string","description":"Memory limit of each instance (4Gi, 3072Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of the database (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"},"requests":{"type":"object","description":"CPU and memory requested for each instance; defaults to the limits.","properties":{"cpu":{"type":"string","pattern":"^([1-9][0-9]*m|[0-9]+(\\.[0-9]+)?)$"},"memory":{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"}}}}},"instances":{"type":"integer","description":"Number of Keycloak instances; more than one run as a cluster; 0 suspends Keycloak, keeping its database and data.","minimum":0,"maximum":3,"default":1},"backup":{"type":"object","default":{},"description":"Backups of Keycloak's data, which is all in its database.","properties":{"enabled":{"type":"boolean","description":"Whether the database is backed up.","default":true},"retention":{"type":"object","default":{},"description":"How far back backups reach. The database takes a full backup a day: it keeps keepLast of them, or enough to reach back keepDaily days, keepWeekly weeks, keepMonthly months and keepYearly years, whichever is more (keepHourly is covered by the daily backups' point-in-time recovery).","properties":{"keepLast":{"type":"integer","minimum":1},"keepHourly":{"type":"integer","minimum":0},"keepDaily":{"type":"integer","minimum":0,"default":6},"keepWeekly":{"type":"integer","minimum":0},"keepMonthly":{"type":"integer","minimum":0},"keepYearly":{"type":"integer","minimum":0}}},"schedule":{"type":"string","description":"Cron schedule of the database's daily full backup (minute hour day month weekday). Defaults to a time derived from the instance.","pattern":"^(\\S+\\s+){4}\\S+$"},"unmanagedBucket":{"type":"object","description":"A bucket of your own for the backups. Not offered here: backups go to a bucket composed for the database; a claim that sets it is refused.","x-kubernetes-preserve-unknown-fields":true}}},"restore":{"type":"object","description":"Creates this instance from a backup of another VSHNKeycloak in the same namespace: its database is restored, then Keycloak starts on it.","properties":{"claimName":{"type":"string","description":"The VSHNKeycloak to restore from, in this claim's namespace."},"claimType":{"type":"string","description":"Kind of the instance restored from; only VSHNKeycloak.","enum":["VSHNKeycloak"]},"backupName":{"type":"string","description":"The database backup to restore; the latest when not set."},"recoveryTimeStamp":{"type":"string","description":"Restore the database as it was at this time (RFC 3339 in UTC, 2025-03-01T12:00:00Z) instead of at the end of the backup.","pattern":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-][01][0-9]:[0-5][0-9])$"}}},"scheduling":{"type":"object","default":{},"description":"Where Keycloak's pods run.","properties":{"nodeSelector":{"type":"object","description":"Labels a node must have to run Keycloak.","additionalProperties":{"type":"string"}}}},"tls":{"type":"object","default":{},"description":"TLS of Keycloak's in-cluster service.","properties":{"enabled":{"type":"boolean","description":"Keycloak serves HTTPS only, with a certificate of the instance's CA. When false, it also serves plain HTTP and KEYCLOAK_URL is the HTTP one.","default":true},"authClients":{"type":"boolean","description":"Keycloak asks HTTPS clients for a certificate (KC_HTTPS_CLIENT_AUTH request), so X.509 client authentication works; none when false.","default":true}}},"maintenance":{"type":"object","default":{},"description":"The weekly maintenance window, also the database's. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","description":"Day the window starts.","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, HH:MM:SS in UTC.","pattern":"^([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"},"pinImageTag":{"type":"string","description":"Runs exactly this Keycloak image tag instead of the catalog's release of service.version; it must be a release of that major version.","pattern":"^[0-9]+(\\.[0-9]+){0,2}([-.][A-Za-z0-9.-]+)?$"},"disableAppcatRelease":{"type":"boolean","description":"Whether new releases of the catalog (composition revisions) wait for you instead of rolling out in the maintenance window; published as status.schedules.maintenance.appcatRelease, which the platform's rollout reads.","default":false}}},"additionalResources":{"type":"object","description":"Kubernetes objects of your own deployed into the instance namespace. Not enabled on this platform: a claim that sets it is refused.","properties":{"configMapRef":{"type":"string","description":"A ConfigMap in the claim's namespace whose entries each hold an object."}}},"security":{"type":"object","default":{},"description":"Who may reach and see the instance, and whether it can be deleted.","properties":{"deletionProtection":{"type":"boolean","description":"The claim cannot be deleted while this is true; set it to false to delete the instance.","default":true},"allowAllNamespaces":{"type":"boolean","description":"Keycloak is reachable from every namespace; supersedes allowedNamespaces.","default":false},"allowedNamespaces":{"type":"array","description":"Namespaces besides the claim's from which Keycloak is reachable.","items":{"type":"string"}},"allowedGroups":{"type":"array","description":"Groups that may read the objects in the instance namespace.","items":{"type":"string"}},"allowedUsers":{"type":"array","description":"Users that may read the objects in the instance namespace.","items":{"type":"string"}}}},"monitoring":{"type":"object","default":{},"description":"Where the instance's alerts go.","properties":{"alertmanagerConfigRef":{"type":"string","description":"An AlertmanagerConfig in the claim's namespace, copied into the instance namespace."},"alertmanagerConfigSecretRef":{"type":"string","description":"A Secret in the claim's namespace that the AlertmanagerConfig uses, copied with it."},"alertmanagerConfigTemplate":{"type":"object","description":"The spec of an AlertmanagerConfig composed in the instance namespace; takes precedence over alertmanagerConfigRef.","x-kubernetes-preserve-unknown-fields":true},"email":{"type":"string","description":"An address the alerts are sent to by e-mail."}}}}}, 'spec.parameters', { applyDefaults: true });

export const inputSchema = new Schema<Input>({"type":"object","description":"Input of the VSHNKeycloak function; set by the platform in the composition.","required":["controlNamespace","connectionSecretNamespace"],"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"controlNamespace":{"type":"string","description":"Namespace users cannot see; billing config maps live there."},"connectionSecretNamespace":{"type":"string","description":"Namespace where composed objects write the connection details Crossplane reads."},"kubernetesProviderConfigName":{"type":"string","description":"ProviderConfig of provider-kubernetes.","default":"kubernetes"},"helmProviderConfigName":{"type":"string","description":"ProviderConfig of provider-helm, which installs the Keycloak chart.","default":"helm"},"postgresqlCompositionName":{"type":"string","description":"Composition of the nested VSHNPostgreSQL that holds Keycloak's data.","default":"vshn-postgresql"},"chartRepository":{"type":"string","description":"Helm repository of the codecentric keycloakx chart.","default":"https://codecentric.github.io/helm-charts"},"chartVersion":{"type":"string","description":"Version of the keycloakx chart.","default":"7.1.5"},"clusterDomain":{"type":"string","description":"DNS domain of the cluster, for the service's host name.","default":"cluster.local"},"ingressClusterIssuer":{"type":"string","description":"cert-manager ClusterIssuer of the ingress certificate of instances with an fqdn. Without it, the ingress controller's default certificate is served."}}}, 'input', { applyDefaults: true });

// The parameters of xrds/vshn-postgresql.yaml, for the nested composite this function composes.
/**
 * The instance's settings. Every group is optional and defaulted.
 */
export interface PostgreSQLParameters {
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

export const postgreSQLParametersSchema = new Schema<PostgreSQLParameters>({"type":"object","default":{},"description":"The instance's settings. Every group is optional and defaulted.","properties":{"service":{"type":"object","default":{},"description":"The PostgreSQL service itself.","properties":{"majorVersion":{"type":"string","description":"PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["15","16","17"],"default":"17"},"pgSettings":{"type":"object","description":"postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).","x-kubernetes-preserve-unknown-fields":true},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.","enum":["besteffort","guaranteed"],"default":"besteffort"},"tls":{"type":"object","default":{},"description":"TLS of the PostgreSQL server.","properties":{"enabled":{"type":"boolean","description":"Whether the server offers TLS (the connection URL then says sslmode=require); takes effect without a restart.","default":true}}},"enableEnvoy":{"type":"boolean","description":"Run StackGres' Envoy sidecar in front of PostgreSQL (extra metrics); needs a restart.","default":false},"disablePgBouncer":{"type":"boolean","description":"Connect straight to PostgreSQL, without the PgBouncer connection pooler; needs a restart.","default":false},"pgBouncerSettings":{"type":"object","description":"pgbouncer.ini settings of the connection pooler, by section (pgbouncer, databases, users), each a map of parameter name to value.","properties":{"pgbouncer":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"databases":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"users":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},"vacuumEnabled":{"type":"boolean","description":"Run VACUUM ANALYZE on every database in the weekly maintenance window.","default":false},"repackEnabled":{"type":"boolean","description":"Run pg_repack on every database in the weekly maintenance window. At least one of vacuumEnabled and repackEnabled is on.","default":true}}},"size":{"type":"object","default":{},"description":"Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.","properties":{"plan":{"type":"string","description":"standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).","enum":["standard-2","standard-4","standard-8"],"default":"standard-2"},"cpu":{"type":"string","description":"CPU of each instance, in cores or millicores (2, 1500m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory of each instance (4Gi, 3984Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of each instance (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"}}},"instances":{"type":"integer","description":"Number of instances; more than one runs replicas with automatic failover.","minimum":1,"maximum":3,"default":1},"backup":{"type":"object","default":{},"description":"Backups to an object storage bucket composed for this instance.","properties":{"enabled":{"type":"boolean","description":"Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept.","default":true},"schedule":{"type":"string","description":"Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.","pattern":"^(\\S+\\s+){4}\\S+$"},"retention":{"type":"integer","description":"Number of full backups kept.","minimum":1,"default":6}}},"maintenance":{"type":"object","default":{},"description":"The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, HH:MM:SS in UTC.","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"}}},"security":{"type":"object","default":{},"description":"Who may delete, reach and read the instance.","properties":{"deletionProtection":{"type":"boolean","description":"While on, the API server refuses to delete the instance; set it to false to delete it.","default":true},"allowAllNamespaces":{"type":"boolean","description":"Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces.","default":false},"allowedNamespaces":{"type":"array","description":"Namespaces besides the claim's whose pods may connect to the instance.","items":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}},"allowedGroups":{"type":"array","description":"Groups that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}},"allowedUsers":{"type":"array","description":"Users that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}}}},"network":{"type":"object","default":{},"description":"How clients reach the instance.","properties":{"serviceType":{"type":"string","description":"ClusterIP: reachable inside the cluster. LoadBalancer: also on a public IPv4 address (LOADBALANCER_IP in the connection details), from the ranges in ipFilter. TCPGateway is not offered by this platform and is refused.","enum":["ClusterIP","LoadBalancer","TCPGateway"],"default":"ClusterIP"},"ipFilter":{"type":"array","description":"IPv4 addresses or CIDR ranges that may connect through the load balancer; 0.0.0.0/0 is the whole internet.","items":{"type":"string"},"default":["0.0.0.0/0"]}}},"monitoring":{"type":"object","default":{},"description":"Alerts of the instance. Its metrics are always collected and the usual PostgreSQL alerts always evaluated; these settings send them somewhere.","properties":{"alertmanagerConfigRef":{"type":"string","description":"An AlertmanagerConfig in the claim's namespace, copied to the instance namespace to route its alerts."},"alertmanagerConfigSecretRef":{"type":"string","description":"A Secret in the claim's namespace that the AlertmanagerConfig refers to, copied along with it."},"alertmanagerConfigTemplate":{"type":"object","description":"The spec of an AlertmanagerConfig (route, receivers, inhibitRules, muteTimeIntervals) routing the instance's alerts; takes precedence over alertmanagerConfigRef.","x-kubernetes-preserve-unknown-fields":true},"email":{"type":"string","description":"An e-mail address that receives the instance's alerts.","pattern":"^[^@\\s]+@[^@\\s]+$"}}},"scheduling":{"type":"object","default":{},"description":"Where the instance's pods run.","properties":{"nodeSelector":{"type":"object","description":"Labels a node must have for the instance's pods to run on it.","additionalProperties":{"type":"string"}}}}}}, 'spec.parameters', { applyDefaults: true });
