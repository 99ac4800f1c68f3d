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
        majorVersion?: "12" | "13" | "14" | "15" | "16" | "17" | "18";
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
        dedicatedPatroniResources?: boolean;
        /**
         * besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.
         */
        serviceLevel?: "besteffort" | "guaranteed";
        /**
         * TLS of the PostgreSQL server.
         */
        tls?: {
          /**
           * Whether the server offers TLS (the connection URL then says sslmode=require); takes effect without a restart.
           */
          enabled?: boolean;
        };
        /**
         * Run StackGres' Envoy sidecar in front of PostgreSQL (extra metrics); needs a restart.
         */
        enableEnvoy?: boolean;
        /**
         * Connect straight to PostgreSQL, without the PgBouncer connection pooler; needs a restart.
         */
        disablePgBouncer?: boolean;
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
        vacuumEnabled?: boolean;
        /**
         * Run pg_repack on every database in the weekly maintenance window. At least one of vacuumEnabled and repackEnabled is on.
         */
        repackEnabled?: boolean;
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
        /**
         * Whether the backups outlive the instance: when it is deleted, its backup bucket and the backups in it are kept for deletionRetention days.
         */
        deletionProtection?: boolean;
        /**
         * Days the backups are kept after the instance is deleted, when deletionProtection is on.
         */
        deletionRetention?: number;
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
            name?: string;
            key: string;
            optional?: boolean;
          };
          /**
           * The Secret key holding AWS_SECRET_ACCESS_KEY.
           */
          secretKey: {
            name?: string;
            key: string;
            optional?: boolean;
          };
        };
      };
      /**
       * The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.
       */
      maintenance?: {
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
        disableAppcatRelease?: boolean;
      };
      /**
       * Who may delete, reach and read the instance.
       */
      security?: {
        /**
         * While on, the API server refuses to delete the instance; set it to false to delete it.
         */
        deletionProtection?: boolean;
        /**
         * Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces.
         */
        allowAllNamespaces?: boolean;
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
      network?: {
        /**
         * ClusterIP: reachable inside the cluster. LoadBalancer: also on a public IPv4 address (LOADBALANCER_IP in the connection details), from the ranges in ipFilter. TCPGateway is not offered by this platform and is refused.
         */
        serviceType?: "ClusterIP" | "LoadBalancer" | "TCPGateway";
        /**
         * IPv4 addresses or CIDR ranges that may connect through the load balancer; 0.0.0.0/0 is the whole internet.
         */
        ipFilter?: string[];
      };
      /**
       * Alerts of the instance. Its metrics are always collected and the usual PostgreSQL alerts always evaluated; these settings send them somewhere.
       */
      monitoring?: {
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
      scheduling?: {
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
      replication?: {
        /**
         * async (the default) may lose the last transactions on failover; sync promotes only a replica that has every committed transaction; strict-sync also blocks writes while no synchronous replica is up (use 3 instances). sync and strict-sync need at least 2 instances.
         */
        mode?: "async" | "sync" | "strict-sync";
      };
      /**
       * Creates the instance from a backup of another instance in the same namespace. Only read when the instance is created.
       */
      restore?: {
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
      encryption?: {
        /**
         * Whether the disks are encrypted; chosen when the instance is created.
         */
        enabled?: boolean;
      };
      /**
       * When a change that needs a restart is applied.
       */
      updateStrategy?: {
        /**
         * Immediate restarts PostgreSQL as soon as the change is made (a short downtime); OnRestart waits for the maintenance window.
         */
        type?: "Immediate" | "OnRestart";
      };
      /**
       * Kubernetes objects of your own deployed into the instance namespace.
       */
      additionalResources?: {
        /**
         * A ConfigMap in the claim's namespace; each entry is one object (YAML) to deploy.
         */
        configMapRef?: string;
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

export const parametersSchema = new Schema<Parameters>({"type":"object","default":{},"description":"The instance's settings. Every group is optional and defaulted.","properties":{"service":{"type":"object","default":{},"description":"The Keycloak service itself.","properties":{"version":{"type":"string","description":"Keycloak major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["25","26"],"default":"26"},"fqdn":{"type":"string","description":"Public host name of Keycloak (sso.example.com). With it, Keycloak is reachable through an ingress with TLS; without it, only inside the cluster.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$","maxLength":253},"relativePath":{"type":"string","description":"Path Keycloak is served under: / (the default) or a path such as /auth, without a trailing slash.","pattern":"^/([A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*)?$","default":"/"},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock, needs at least two instances, keeps one of them running through voluntary disruptions and makes the database guaranteed too.","enum":["besteffort","guaranteed"],"default":"besteffort"},"customizationImage":{"type":"object","description":"An image with themes (in /themes) and providers (in /providers), copied into Keycloak before it starts, and the source of customFiles.","properties":{"image":{"type":"string","description":"The image reference (registry/name:tag)."},"imagePullSecretRef":{"type":"object","description":"A pull secret for the image, in the claim's namespace unless a namespace is given; it is copied into the instance namespace.","x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string"},"namespace":{"type":"string"}}}}},"customFiles":{"type":"array","description":"Files or folders copied from the customizationImage into Keycloak.","items":{"type":"object","required":["source","destination"],"properties":{"source":{"type":"string","description":"Path of the file or folder in the customization image."},"destination":{"type":"string","description":"Where it appears, relative to /opt/keycloak/ (conf/quarkus.properties)."}}}},"customConfigurationRef":{"type":"string","description":"A ConfigMap in the claim's namespace with realm exports (JSON files), copied into the instance namespace and imported when Keycloak starts; realms that exist are not overwritten."},"customEnvVariablesRef":{"type":"string","description":"A Secret in the claim's namespace whose entries become environment variables of Keycloak (the older form of envFrom)."},"envFrom":{"type":"array","description":"ConfigMaps or Secrets in the claim's namespace whose entries become environment variables of Keycloak; each is copied into the instance namespace.","items":{"type":"object","properties":{"configMapRef":{"type":"object","x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"optional":{"type":"boolean"}}},"secretRef":{"type":"object","x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"optional":{"type":"boolean"}}},"prefix":{"type":"string","description":"Prepended to each variable's name."}}}},"customMounts":{"type":"array","description":"Secrets or ConfigMaps in the claim's namespace, copied into the instance namespace and mounted under /custom/secrets/<name> or /custom/configs/<name>.","items":{"type":"object","required":["name","type"],"properties":{"name":{"type":"string","description":"The Secret's or ConfigMap's name in the claim's namespace."},"type":{"type":"string","enum":["secret","configMap"]}}}},"adminConsole":{"type":"object","description":"Where the admin console is reachable.","properties":{"fqdn":{"type":"string","description":"A host name of its own for the admin console, with an ingress of its own. Without it, the console is under the main fqdn.","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$","maxLength":253},"private":{"type":"boolean","description":"The admin console is not served under the main fqdn, only inside the cluster (a port-forward) or under adminConsole.fqdn.","default":false}}},"postgreSQLParameters":{"type":"object","default":{},"description":"Parameters of the PostgreSQL database composed for Keycloak, as spec.parameters of a VSHNPostgreSQL. They are laid over Keycloak's defaults for its database (its size.disk, backup, restore, maintenance and service level).","properties":{"service":{"type":"object","description":"The PostgreSQL service itself.","properties":{"majorVersion":{"type":"string","description":"PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["12","13","14","15","16","17","18"]},"pgSettings":{"type":"object","description":"postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).","x-kubernetes-preserve-unknown-fields":true},"extensions":{"type":"array","description":"PostgreSQL extensions StackGres installs (for example postgis, pg_repack); each still needs CREATE EXTENSION in its database.","maxItems":64,"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string","description":"The extension's name, as StackGres' extension repository lists it.","pattern":"^[a-z0-9][a-z0-9_-]*$","maxLength":63},"image":{"type":"string","description":"An image with the extension; only CloudNativePG uses it, this catalog runs StackGres and refuses it."},"imagePullPolicy":{"type":"string","description":"Pull policy of the extension image; only CloudNativePG uses it."},"dynamic_library_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}},"extension_control_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}},"ld_library_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}}}}},"access":{"type":"array","description":"Extra users, each with a database of its own (or an existing one) and its credentials in a connection Secret of its own.","maxItems":64,"items":{"type":"object","required":["user"],"properties":{"user":{"type":"string","description":"The user's name. With nothing else set, it gets a database of the same name with all privileges on it.","pattern":"^[a-z_][a-z0-9_]*$","maxLength":63},"database":{"type":"string","description":"The database the user gets privileges on; created when missing. Defaults to the user's name.","pattern":"^[a-z_][a-z0-9_]*$","maxLength":63},"privileges":{"type":"array","description":"Privileges on the database (CONNECT, CREATE, TEMPORARY, or ALL). Defaults to ALL.","items":{"type":"string","enum":["ALL","CONNECT","CREATE","TEMPORARY","TEMP"]}},"writeConnectionSecretToRef":{"type":"object","description":"The Secret the user's credentials are written to. Defaults to <claim name>-<user> in the claim's namespace.","required":["name","namespace"],"properties":{"name":{"type":"string"},"namespace":{"type":"string"}}}}}},"dedicatedPatroniResources":{"type":"boolean","description":"true reserves the instance's CPU and memory for PostgreSQL alone, sidecars getting their own on top; false (the default) shares them among all containers."},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.","enum":["besteffort","guaranteed"]},"tls":{"type":"object","description":"TLS of the PostgreSQL server.","properties":{"enabled":{"type":"boolean","description":"Whether the server offers TLS (the connection URL then says sslmode=require); takes effect without a restart."}}},"enableEnvoy":{"type":"boolean","description":"Run StackGres' Envoy sidecar in front of PostgreSQL (extra metrics); needs a restart."},"disablePgBouncer":{"type":"boolean","description":"Connect straight to PostgreSQL, without the PgBouncer connection pooler; needs a restart."},"pgBouncerSettings":{"type":"object","description":"pgbouncer.ini settings of the connection pooler, by section (pgbouncer, databases, users), each a map of parameter name to value.","properties":{"pgbouncer":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"databases":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"users":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},"vacuumEnabled":{"type":"boolean","description":"Run VACUUM ANALYZE on every database in the weekly maintenance window."},"repackEnabled":{"type":"boolean","description":"Run pg_repack on every database in the weekly maintenance window. At least one of vacuumEnabled and repackEnabled is on."}}},"size":{"type":"object","description":"Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.","properties":{"plan":{"type":"string","description":"standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).","enum":["standard-2","standard-4","standard-8"]},"cpu":{"type":"string","description":"CPU of each instance, in cores or millicores (2, 1500m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory of each instance (4Gi, 3984Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of each instance (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"},"requests":{"type":"object","description":"CPU and memory reserved for each instance; they default to the instance's CPU and memory and cannot exceed them.","properties":{"cpu":{"type":"string","description":"CPU requested, in cores or millicores (1, 250m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory requested (1Gi, 512Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"}}}}},"instances":{"type":"integer","description":"Number of instances; more than one runs replicas with automatic failover. 0 suspends the instance: PostgreSQL stops, its data and backups are kept.","minimum":0,"maximum":3},"backup":{"type":"object","description":"Backups to an object storage bucket composed for this instance.","properties":{"enabled":{"type":"boolean","description":"Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept."},"schedule":{"type":"string","description":"Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.","pattern":"^(\\S+\\s+){4}\\S+$"},"retention":{"type":"integer","description":"Number of full backups kept.","minimum":1},"deletionProtection":{"type":"boolean","description":"Whether the backups outlive the instance: when it is deleted, its backup bucket and the backups in it are kept for deletionRetention days."},"deletionRetention":{"type":"integer","description":"Days the backups are kept after the instance is deleted, when deletionProtection is on.","minimum":1,"maximum":3650},"unmanagedBucket":{"type":"object","description":"A bucket of your own for the backups instead of one composed for the instance. Its credentials are read from Secrets in the claim's namespace.","required":["accessKey","bucket","endpoint","region","secretKey"],"properties":{"bucket":{"type":"string","description":"The bucket's name.","minLength":3,"maxLength":63},"endpoint":{"type":"string","description":"The S3 endpoint without the bucket's name (https://objects.example.com).","pattern":"^https?://[^\\s/]+(/\\S*)?$"},"region":{"type":"string","description":"The bucket's region.","minLength":1},"accessKey":{"type":"object","description":"The Secret key holding AWS_ACCESS_KEY_ID.","required":["key"],"x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string"},"key":{"type":"string"},"optional":{"type":"boolean"}}},"secretKey":{"type":"object","description":"The Secret key holding AWS_SECRET_ACCESS_KEY.","required":["key"],"x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string"},"key":{"type":"string"},"optional":{"type":"boolean"}}}}}}},"maintenance":{"type":"object","description":"The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, H:MM:SS or HH:MM:SS in UTC.","pattern":"^([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"},"pinImageTag":{"type":"string","description":"Runs exactly this PostgreSQL version (major.minor, for example 16.4), even an older one than the newest of the major; it must be of the instance's major version. You then choose when to update.","pattern":"^[1-9][0-9]\\.[0-9]+$"},"disableAppcatRelease":{"type":"boolean","description":"true keeps the instance on its composition revision in the maintenance window. The catalog never moves instances to a new revision on its own: Crossplane's compositionUpdatePolicy of the claim decides."}}},"security":{"type":"object","description":"Who may delete, reach and read the instance.","properties":{"deletionProtection":{"type":"boolean","description":"While on, the API server refuses to delete the instance; set it to false to delete it."},"allowAllNamespaces":{"type":"boolean","description":"Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces."},"allowedNamespaces":{"type":"array","description":"Namespaces besides the claim's whose pods may connect to the instance.","items":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}},"allowedGroups":{"type":"array","description":"Groups that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}},"allowedUsers":{"type":"array","description":"Users that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}}}},"network":{"type":"object","description":"How clients reach the instance.","properties":{"serviceType":{"type":"string","description":"ClusterIP: reachable inside the cluster. LoadBalancer: also on a public IPv4 address (LOADBALANCER_IP in the connection details), from the ranges in ipFilter. TCPGateway is not offered by this platform and is refused.","enum":["ClusterIP","LoadBalancer","TCPGateway"]},"ipFilter":{"type":"array","description":"IPv4 addresses or CIDR ranges that may connect through the load balancer; 0.0.0.0/0 is the whole internet.","items":{"type":"string"}}}},"monitoring":{"type":"object","description":"Alerts of the instance. Its metrics are always collected and the usual PostgreSQL alerts always evaluated; these settings send them somewhere.","properties":{"alertmanagerConfigRef":{"type":"string","description":"An AlertmanagerConfig in the claim's namespace, copied to the instance namespace to route its alerts."},"alertmanagerConfigSecretRef":{"type":"string","description":"A Secret in the claim's namespace that the AlertmanagerConfig refers to, copied along with it."},"alertmanagerConfigTemplate":{"type":"object","description":"The spec of an AlertmanagerConfig (route, receivers, inhibitRules, muteTimeIntervals) routing the instance's alerts; takes precedence over alertmanagerConfigRef.","x-kubernetes-preserve-unknown-fields":true},"email":{"type":"string","description":"An e-mail address that receives the instance's alerts.","pattern":"^[^@\\s]+@[^@\\s]+$"}}},"scheduling":{"type":"object","description":"Where the instance's pods run.","properties":{"nodeSelector":{"type":"object","description":"Labels a node must have for the instance's pods to run on it.","additionalProperties":{"type":"string"}}}},"replication":{"type":"object","description":"How the replicas follow the primary.","properties":{"mode":{"type":"string","description":"async (the default) may lose the last transactions on failover; sync promotes only a replica that has every committed transaction; strict-sync also blocks writes while no synchronous replica is up (use 3 instances). sync and strict-sync need at least 2 instances.","enum":["async","sync","strict-sync"]}}},"restore":{"type":"object","description":"Creates the instance from a backup of another instance in the same namespace. Only read when the instance is created.","properties":{"claimName":{"type":"string","description":"The claim whose backup is restored; it must be in this claim's namespace.","maxLength":253},"claimType":{"type":"string","description":"The kind of that claim (VSHNPostgreSQL, the default).","maxLength":63},"backupName":{"type":"string","description":"The backup to restore (its name as kubectl get sgbackups shows it in the source's instance namespace).","maxLength":253},"recoveryTimeStamp":{"type":"string","description":"Restore to this point in time (ISO 8601 in UTC, 2026-03-01T10:00:00Z), between the backup and the next one. Without it, the backup as it was taken.","pattern":"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-][01][0-9]:[0-5][0-9])$"}}},"encryption":{"type":"object","description":"Encryption of the instance's disks.","properties":{"enabled":{"type":"boolean","description":"Whether the disks are encrypted; chosen when the instance is created."}}},"updateStrategy":{"type":"object","description":"When a change that needs a restart is applied.","properties":{"type":{"type":"string","description":"Immediate restarts PostgreSQL as soon as the change is made (a short downtime); OnRestart waits for the maintenance window.","enum":["Immediate","OnRestart"]}}},"additionalResources":{"type":"object","description":"Kubernetes objects of your own deployed into the instance namespace.","properties":{"configMapRef":{"type":"string","description":"A ConfigMap in the claim's namespace; each entry is one object (YAML) to deploy."}}}}}}},"size":{"type":"object","default":{},"description":"Resources of each Keycloak instance. The plan sets CPU and memory; cpu, memory and requests override it; disk is the database's.","properties":{"plan":{"type":"string","description":"standard-2 (500m CPU, 2Gi memory), standard-4 (1 CPU, 4Gi) or standard-8 (2 CPU, 8Gi).","enum":["standard-2","standard-4","standard-8"],"default":"standard-2"},"cpu":{"type":"string","description":"CPU limit of each instance, in cores or millicores (2, 1500m).","pattern":"^([1-9][0-9]*m|[0-9]+(\\.[0-9]+)?)$"},"memory":{"type":"string","description":"Memory limit of each instance (4Gi, 3072Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of the database (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"},"requests":{"type":"object","description":"CPU and memory requested for each instance; defaults to the limits.","properties":{"cpu":{"type":"string","pattern":"^([1-9][0-9]*m|[0-9]+(\\.[0-9]+)?)$"},"memory":{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"}}}}},"instances":{"type":"integer","description":"Number of Keycloak instances; more than one run as a cluster; 0 suspends Keycloak, keeping its database and data.","minimum":0,"maximum":3,"default":1},"backup":{"type":"object","default":{},"description":"Backups of Keycloak's data, which is all in its database.","properties":{"enabled":{"type":"boolean","description":"Whether the database is backed up.","default":true},"retention":{"type":"object","default":{},"description":"How far back backups reach. The database takes a full backup a day: it keeps keepLast of them, or enough to reach back keepDaily days, keepWeekly weeks, keepMonthly months and keepYearly years, whichever is more (keepHourly is covered by the daily backups' point-in-time recovery).","properties":{"keepLast":{"type":"integer","minimum":1},"keepHourly":{"type":"integer","minimum":0},"keepDaily":{"type":"integer","minimum":0,"default":6},"keepWeekly":{"type":"integer","minimum":0},"keepMonthly":{"type":"integer","minimum":0},"keepYearly":{"type":"integer","minimum":0}}},"schedule":{"type":"string","description":"Cron schedule of the database's daily full backup (minute hour day month weekday). Defaults to a time derived from the instance.","pattern":"^(\\S+\\s+){4}\\S+$"},"unmanagedBucket":{"type":"object","description":"A bucket of your own for the backups. Not offered here: backups go to a bucket composed for the database; a claim that sets it is refused.","x-kubernetes-preserve-unknown-fields":true}}},"restore":{"type":"object","description":"Creates this instance from a backup of another VSHNKeycloak in the same namespace: its database is restored, then Keycloak starts on it.","properties":{"claimName":{"type":"string","description":"The VSHNKeycloak to restore from, in this claim's namespace."},"claimType":{"type":"string","description":"Kind of the instance restored from; only VSHNKeycloak.","enum":["VSHNKeycloak"]},"backupName":{"type":"string","description":"The database backup to restore; the latest when not set."},"recoveryTimeStamp":{"type":"string","description":"Restore the database as it was at this time (RFC 3339 in UTC, 2025-03-01T12:00:00Z) instead of at the end of the backup.","pattern":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-][01][0-9]:[0-5][0-9])$"}}},"scheduling":{"type":"object","default":{},"description":"Where Keycloak's pods run.","properties":{"nodeSelector":{"type":"object","description":"Labels a node must have to run Keycloak.","additionalProperties":{"type":"string"}}}},"tls":{"type":"object","default":{},"description":"TLS of Keycloak's in-cluster service.","properties":{"enabled":{"type":"boolean","description":"Keycloak serves HTTPS only, with a certificate of the instance's CA. When false, it also serves plain HTTP and KEYCLOAK_URL is the HTTP one.","default":true},"authClients":{"type":"boolean","description":"Keycloak asks HTTPS clients for a certificate (KC_HTTPS_CLIENT_AUTH request), so X.509 client authentication works; none when false.","default":true}}},"maintenance":{"type":"object","default":{},"description":"The weekly maintenance window, also the database's. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","description":"Day the window starts.","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, HH:MM:SS in UTC.","pattern":"^([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"},"pinImageTag":{"type":"string","description":"Runs exactly this Keycloak image tag instead of the catalog's release of service.version; it must be a release of that major version.","pattern":"^[0-9]+(\\.[0-9]+){0,2}([-.][A-Za-z0-9.-]+)?$"},"disableAppcatRelease":{"type":"boolean","description":"Whether new releases of the catalog (composition revisions) wait for you instead of rolling out in the maintenance window; published as status.schedules.maintenance.appcatRelease, which the platform's rollout reads.","default":false}}},"additionalResources":{"type":"object","description":"Kubernetes objects of your own deployed into the instance namespace. Not enabled on this platform: a claim that sets it is refused.","properties":{"configMapRef":{"type":"string","description":"A ConfigMap in the claim's namespace whose entries each hold an object."}}},"security":{"type":"object","default":{},"description":"Who may delete, reach and read the instance.","properties":{"deletionProtection":{"type":"boolean","description":"While on, the API server refuses to delete the instance; set it to false to delete it.","default":true},"allowAllNamespaces":{"type":"boolean","description":"Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces.","default":false},"allowedNamespaces":{"type":"array","description":"Namespaces besides the claim's whose pods may connect to the instance.","items":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}},"allowedGroups":{"type":"array","description":"Groups that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}},"allowedUsers":{"type":"array","description":"Users that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}}}},"monitoring":{"type":"object","default":{},"description":"Where the instance's alerts go.","properties":{"alertmanagerConfigRef":{"type":"string","description":"An AlertmanagerConfig in the claim's namespace, copied into the instance namespace."},"alertmanagerConfigSecretRef":{"type":"string","description":"A Secret in the claim's namespace that the AlertmanagerConfig uses, copied with it."},"alertmanagerConfigTemplate":{"type":"object","description":"The spec of an AlertmanagerConfig composed in the instance namespace; takes precedence over alertmanagerConfigRef.","x-kubernetes-preserve-unknown-fields":true},"email":{"type":"string","description":"An address the alerts are sent to by e-mail."}}}}}, 'spec.parameters', { applyDefaults: true });

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

export const postgreSQLParametersSchema = new Schema<PostgreSQLParameters>({"type":"object","default":{},"description":"The instance's settings. Every group is optional and defaulted.","properties":{"service":{"type":"object","default":{},"description":"The PostgreSQL service itself.","properties":{"majorVersion":{"type":"string","description":"PostgreSQL major version. Defaults to the newest stable one. It can be raised on a running instance, never lowered.","enum":["12","13","14","15","16","17","18"],"default":"18"},"pgSettings":{"type":"object","description":"postgresql.conf settings, as a map of parameter name to value (for example work_mem: 8MB).","x-kubernetes-preserve-unknown-fields":true},"extensions":{"type":"array","description":"PostgreSQL extensions StackGres installs (for example postgis, pg_repack); each still needs CREATE EXTENSION in its database.","maxItems":64,"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string","description":"The extension's name, as StackGres' extension repository lists it.","pattern":"^[a-z0-9][a-z0-9_-]*$","maxLength":63},"image":{"type":"string","description":"An image with the extension; only CloudNativePG uses it, this catalog runs StackGres and refuses it."},"imagePullPolicy":{"type":"string","description":"Pull policy of the extension image; only CloudNativePG uses it."},"dynamic_library_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}},"extension_control_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}},"ld_library_path":{"type":"array","description":"Only CloudNativePG uses it.","items":{"type":"string"}}}}},"access":{"type":"array","description":"Extra users, each with a database of its own (or an existing one) and its credentials in a connection Secret of its own.","maxItems":64,"items":{"type":"object","required":["user"],"properties":{"user":{"type":"string","description":"The user's name. With nothing else set, it gets a database of the same name with all privileges on it.","pattern":"^[a-z_][a-z0-9_]*$","maxLength":63},"database":{"type":"string","description":"The database the user gets privileges on; created when missing. Defaults to the user's name.","pattern":"^[a-z_][a-z0-9_]*$","maxLength":63},"privileges":{"type":"array","description":"Privileges on the database (CONNECT, CREATE, TEMPORARY, or ALL). Defaults to ALL.","items":{"type":"string","enum":["ALL","CONNECT","CREATE","TEMPORARY","TEMP"]}},"writeConnectionSecretToRef":{"type":"object","description":"The Secret the user's credentials are written to. Defaults to <claim name>-<user> in the claim's namespace.","required":["name","namespace"],"properties":{"name":{"type":"string"},"namespace":{"type":"string"}}}}}},"dedicatedPatroniResources":{"type":"boolean","description":"true reserves the instance's CPU and memory for PostgreSQL alone, sidecars getting their own on top; false (the default) shares them among all containers.","default":false},"serviceLevel":{"type":"string","description":"besteffort is supported during office hours; guaranteed is supported around the clock and needs at least 2 instances.","enum":["besteffort","guaranteed"],"default":"besteffort"},"tls":{"type":"object","default":{},"description":"TLS of the PostgreSQL server.","properties":{"enabled":{"type":"boolean","description":"Whether the server offers TLS (the connection URL then says sslmode=require); takes effect without a restart.","default":true}}},"enableEnvoy":{"type":"boolean","description":"Run StackGres' Envoy sidecar in front of PostgreSQL (extra metrics); needs a restart.","default":false},"disablePgBouncer":{"type":"boolean","description":"Connect straight to PostgreSQL, without the PgBouncer connection pooler; needs a restart.","default":false},"pgBouncerSettings":{"type":"object","description":"pgbouncer.ini settings of the connection pooler, by section (pgbouncer, databases, users), each a map of parameter name to value.","properties":{"pgbouncer":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"databases":{"type":"object","x-kubernetes-preserve-unknown-fields":true},"users":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},"vacuumEnabled":{"type":"boolean","description":"Run VACUUM ANALYZE on every database in the weekly maintenance window.","default":false},"repackEnabled":{"type":"boolean","description":"Run pg_repack on every database in the weekly maintenance window. At least one of vacuumEnabled and repackEnabled is on.","default":true}}},"size":{"type":"object","default":{},"description":"Resources of each instance. The plan sets CPU, memory and disk; cpu, memory and disk override the plan's values.","properties":{"plan":{"type":"string","description":"standard-2 (400m CPU, 1936Mi memory, 20Gi disk), standard-4 (900m, 3984Mi, 40Gi) or standard-8 (1900m, 8080Mi, 80Gi).","enum":["standard-2","standard-4","standard-8"],"default":"standard-2"},"cpu":{"type":"string","description":"CPU of each instance, in cores or millicores (2, 1500m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory of each instance (4Gi, 3984Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"},"disk":{"type":"string","description":"Disk of each instance (50Gi). It can grow, never shrink.","pattern":"^[0-9]+(Mi|Gi|Ti)$"},"requests":{"type":"object","description":"CPU and memory reserved for each instance; they default to the instance's CPU and memory and cannot exceed them.","properties":{"cpu":{"type":"string","description":"CPU requested, in cores or millicores (1, 250m).","pattern":"^[1-9][0-9]*m?$"},"memory":{"type":"string","description":"Memory requested (1Gi, 512Mi).","pattern":"^[0-9]+(\\.[0-9]+)?(Mi|Gi)$"}}}}},"instances":{"type":"integer","description":"Number of instances; more than one runs replicas with automatic failover. 0 suspends the instance: PostgreSQL stops, its data and backups are kept.","minimum":0,"maximum":3,"default":1},"backup":{"type":"object","default":{},"description":"Backups to an object storage bucket composed for this instance.","properties":{"enabled":{"type":"boolean","description":"Whether backups run. Turning them off on a running instance stops new backups; the bucket and the backups in it are kept.","default":true},"schedule":{"type":"string","description":"Cron schedule of the daily full backup (minute hour day month weekday). Defaults to a time derived from the instance, shown in status.schedules.backup.","pattern":"^(\\S+\\s+){4}\\S+$"},"retention":{"type":"integer","description":"Number of full backups kept.","minimum":1,"default":6},"deletionProtection":{"type":"boolean","description":"Whether the backups outlive the instance: when it is deleted, its backup bucket and the backups in it are kept for deletionRetention days.","default":true},"deletionRetention":{"type":"integer","description":"Days the backups are kept after the instance is deleted, when deletionProtection is on.","minimum":1,"maximum":3650,"default":7},"unmanagedBucket":{"type":"object","description":"A bucket of your own for the backups instead of one composed for the instance. Its credentials are read from Secrets in the claim's namespace.","required":["accessKey","bucket","endpoint","region","secretKey"],"properties":{"bucket":{"type":"string","description":"The bucket's name.","minLength":3,"maxLength":63},"endpoint":{"type":"string","description":"The S3 endpoint without the bucket's name (https://objects.example.com).","pattern":"^https?://[^\\s/]+(/\\S*)?$"},"region":{"type":"string","description":"The bucket's region.","minLength":1},"accessKey":{"type":"object","description":"The Secret key holding AWS_ACCESS_KEY_ID.","required":["key"],"x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"key":{"type":"string"},"optional":{"type":"boolean"}}},"secretKey":{"type":"object","description":"The Secret key holding AWS_SECRET_ACCESS_KEY.","required":["key"],"x-kubernetes-map-type":"atomic","properties":{"name":{"type":"string","default":""},"key":{"type":"string"},"optional":{"type":"boolean"}}}}}}},"maintenance":{"type":"object","default":{},"description":"The weekly maintenance window. Defaults to a window derived from the instance, shown in status.schedules.maintenance.","properties":{"dayOfWeek":{"type":"string","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"timeOfDay":{"type":"string","description":"Start of the window, H:MM:SS or HH:MM:SS in UTC.","pattern":"^([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"},"pinImageTag":{"type":"string","description":"Runs exactly this PostgreSQL version (major.minor, for example 16.4), even an older one than the newest of the major; it must be of the instance's major version. You then choose when to update.","pattern":"^[1-9][0-9]\\.[0-9]+$"},"disableAppcatRelease":{"type":"boolean","description":"true keeps the instance on its composition revision in the maintenance window. The catalog never moves instances to a new revision on its own: Crossplane's compositionUpdatePolicy of the claim decides.","default":false}}},"security":{"type":"object","default":{},"description":"Who may delete, reach and read the instance.","properties":{"deletionProtection":{"type":"boolean","description":"While on, the API server refuses to delete the instance; set it to false to delete it.","default":true},"allowAllNamespaces":{"type":"boolean","description":"Whether pods of every namespace may connect to the instance; supersedes allowedNamespaces.","default":false},"allowedNamespaces":{"type":"array","description":"Namespaces besides the claim's whose pods may connect to the instance.","items":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}},"allowedGroups":{"type":"array","description":"Groups that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}},"allowedUsers":{"type":"array","description":"Users that may read (not change) the objects of the instance namespace, Secrets excepted.","items":{"type":"string","minLength":1}}}},"network":{"type":"object","default":{},"description":"How clients reach the instance.","properties":{"serviceType":{"type":"string","description":"ClusterIP: reachable inside the cluster. LoadBalancer: also on a public IPv4 address (LOADBALANCER_IP in the connection details), from the ranges in ipFilter. TCPGateway is not offered by this platform and is refused.","enum":["ClusterIP","LoadBalancer","TCPGateway"],"default":"ClusterIP"},"ipFilter":{"type":"array","description":"IPv4 addresses or CIDR ranges that may connect through the load balancer; 0.0.0.0/0 is the whole internet.","items":{"type":"string"},"default":["0.0.0.0/0"]}}},"monitoring":{"type":"object","default":{},"description":"Alerts of the instance. Its metrics are always collected and the usual PostgreSQL alerts always evaluated; these settings send them somewhere.","properties":{"alertmanagerConfigRef":{"type":"string","description":"An AlertmanagerConfig in the claim's namespace, copied to the instance namespace to route its alerts."},"alertmanagerConfigSecretRef":{"type":"string","description":"A Secret in the claim's namespace that the AlertmanagerConfig refers to, copied along with it."},"alertmanagerConfigTemplate":{"type":"object","description":"The spec of an AlertmanagerConfig (route, receivers, inhibitRules, muteTimeIntervals) routing the instance's alerts; takes precedence over alertmanagerConfigRef.","x-kubernetes-preserve-unknown-fields":true},"email":{"type":"string","description":"An e-mail address that receives the instance's alerts.","pattern":"^[^@\\s]+@[^@\\s]+$"}}},"scheduling":{"type":"object","default":{},"description":"Where the instance's pods run.","properties":{"nodeSelector":{"type":"object","description":"Labels a node must have for the instance's pods to run on it.","additionalProperties":{"type":"string"}}}},"replication":{"type":"object","default":{},"description":"How the replicas follow the primary.","properties":{"mode":{"type":"string","description":"async (the default) may lose the last transactions on failover; sync promotes only a replica that has every committed transaction; strict-sync also blocks writes while no synchronous replica is up (use 3 instances). sync and strict-sync need at least 2 instances.","enum":["async","sync","strict-sync"],"default":"async"}}},"restore":{"type":"object","default":{},"description":"Creates the instance from a backup of another instance in the same namespace. Only read when the instance is created.","properties":{"claimName":{"type":"string","description":"The claim whose backup is restored; it must be in this claim's namespace.","maxLength":253},"claimType":{"type":"string","description":"The kind of that claim (VSHNPostgreSQL, the default).","maxLength":63},"backupName":{"type":"string","description":"The backup to restore (its name as kubectl get sgbackups shows it in the source's instance namespace).","maxLength":253},"recoveryTimeStamp":{"type":"string","description":"Restore to this point in time (ISO 8601 in UTC, 2026-03-01T10:00:00Z), between the backup and the next one. Without it, the backup as it was taken.","pattern":"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-][01][0-9]:[0-5][0-9])$"}}},"encryption":{"type":"object","default":{},"description":"Encryption of the instance's disks.","properties":{"enabled":{"type":"boolean","description":"Whether the disks are encrypted; chosen when the instance is created.","default":false}}},"updateStrategy":{"type":"object","default":{},"description":"When a change that needs a restart is applied.","properties":{"type":{"type":"string","description":"Immediate restarts PostgreSQL as soon as the change is made (a short downtime); OnRestart waits for the maintenance window.","enum":["Immediate","OnRestart"],"default":"Immediate"}}},"additionalResources":{"type":"object","default":{},"description":"Kubernetes objects of your own deployed into the instance namespace.","properties":{"configMapRef":{"type":"string","description":"A ConfigMap in the claim's namespace; each entry is one object (YAML) to deploy."}}}}}, 'spec.parameters', { applyDefaults: true });
