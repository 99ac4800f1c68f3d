// Code generated from xrds/exoscale-postgresql.yaml and packages/function-exoscale-postgresql/package/input/exoscalepostgresql.fn.appcat.vshn.io_inputs.yaml by `make generate`. DO NOT EDIT.
import { Schema } from '@appcat/runtime';

/**
 * The database's settings. Every field is optional.
 */
export interface Parameters {
  /**
   * The PostgreSQL service itself.
   */
  service: {
    /**
     * Exoscale zone (data centre) the database runs in. It cannot be changed once the database exists.
     */
    zone: "ch-gva-2" | "ch-dk-2" | "de-fra-1" | "de-muc-1" | "at-vie-1" | "at-vie-2" | "bg-sof-1" | "hr-zag-1";
    /**
     * PostgreSQL major version. Defaults to the newest version Exoscale offers. It cannot be changed once the database exists.
     */
    majorVersion: "14" | "15" | "16" | "17";
    /**
     * PostgreSQL settings Exoscale allows (see `exo dbaas type show pg --settings pg`), e.g. {"timezone": "Europe/Zurich"}; another name is refused, naming it. Passed to Exoscale as they are.
     */
    pgSettings?: {
      [k: string]: unknown | undefined;
    };
  };
  /**
   * The capacity of the service.
   */
  size: {
    /**
     * Exoscale DBaaS plan: the tier (hobbyist, startup, business with two nodes, premium with three nodes) and the memory in GB.
     */
    plan:
      | "hobbyist-2"
      | "startup-4"
      | "startup-8"
      | "startup-16"
      | "startup-32"
      | "startup-64"
      | "startup-128"
      | "startup-225"
      | "business-4"
      | "business-8"
      | "business-16"
      | "business-32"
      | "business-64"
      | "business-128"
      | "business-225"
      | "premium-4"
      | "premium-8"
      | "premium-16"
      | "premium-32"
      | "premium-64"
      | "premium-128"
      | "premium-225";
  };
  /**
   * Who may connect to the service.
   */
  network: {
    /**
     * IPv4 CIDR ranges allowed to connect, each written as its network address and prefix length (10.20.0.0/16; 203.0.113.7/32 for one address). The default 0.0.0.0/0 opens the service to every address on the internet (connections still need the password).
     *
     * @minItems 1
     */
    ipFilter: [string, ...string[]];
  };
  /**
   * The weekly maintenance window, in which Exoscale installs updates and the service may be briefly unavailable. Unset fields get a value derived from this instance's identity (spread over the week and the night), shown in status.schedules.
   */
  maintenance: {
    /**
     * Day of the week of the maintenance window; `never` schedules no weekly window.
     */
    dayOfWeek?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "never";
    /**
     * Start of the maintenance window in UTC, as "hh:mm:ss".
     */
    timeOfDay?: string;
  };
  /**
   * The daily backup.
   */
  backup: {
    /**
     * Time of the daily backup in UTC, as "hh:mm:ss"; Exoscale starts backups on the minute, so seconds are ignored. Defaults to one hour before the maintenance window's time, shown in status.schedules.
     */
    timeOfDay?: string;
  };
}

/**
 * Input of the ExoscalePostgreSQL function; set by the platform in the composition.
 */
export interface Input {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    [k: string]: unknown | undefined;
  };
  /**
   * ProviderConfig of provider-exoscale for the PostgreSQL managed resource.
   */
  providerConfigName: string;
  /**
   * Namespace where provider-exoscale writes the database's connection secret.
   */
  connectionSecretNamespace: string;
}

export const parametersSchema = new Schema<Parameters>({"type":"object","default":{},"description":"The database's settings. Every field is optional.","properties":{"service":{"type":"object","default":{},"description":"The PostgreSQL service itself.","properties":{"zone":{"type":"string","description":"Exoscale zone (data centre) the database runs in. It cannot be changed once the database exists.","enum":["ch-gva-2","ch-dk-2","de-fra-1","de-muc-1","at-vie-1","at-vie-2","bg-sof-1","hr-zag-1"],"default":"ch-gva-2"},"majorVersion":{"type":"string","description":"PostgreSQL major version. Defaults to the newest version Exoscale offers. It cannot be changed once the database exists.","enum":["14","15","16","17"],"default":"17"},"pgSettings":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"description":"PostgreSQL settings Exoscale allows (see `exo dbaas type show pg --settings pg`), e.g. {\"timezone\": \"Europe/Zurich\"}; another name is refused, naming it. Passed to Exoscale as they are."}}},"size":{"type":"object","default":{},"description":"The capacity of the service.","properties":{"plan":{"type":"string","description":"Exoscale DBaaS plan: the tier (hobbyist, startup, business with two nodes, premium with three nodes) and the memory in GB.","enum":["hobbyist-2","startup-4","startup-8","startup-16","startup-32","startup-64","startup-128","startup-225","business-4","business-8","business-16","business-32","business-64","business-128","business-225","premium-4","premium-8","premium-16","premium-32","premium-64","premium-128","premium-225"],"default":"startup-4"}}},"network":{"type":"object","default":{},"description":"Who may connect to the service.","properties":{"ipFilter":{"type":"array","description":"IPv4 CIDR ranges allowed to connect, each written as its network address and prefix length (10.20.0.0/16; 203.0.113.7/32 for one address). The default 0.0.0.0/0 opens the service to every address on the internet (connections still need the password).","minItems":1,"default":["0.0.0.0/0"],"items":{"type":"string","pattern":"^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$"}}}},"maintenance":{"type":"object","default":{},"description":"The weekly maintenance window, in which Exoscale installs updates and the service may be briefly unavailable. Unset fields get a value derived from this instance's identity (spread over the week and the night), shown in status.schedules.","properties":{"dayOfWeek":{"type":"string","description":"Day of the week of the maintenance window; `never` schedules no weekly window.","enum":["monday","tuesday","wednesday","thursday","friday","saturday","sunday","never"]},"timeOfDay":{"type":"string","description":"Start of the maintenance window in UTC, as \"hh:mm:ss\".","pattern":"^([0-1]?[0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])$"}}},"backup":{"type":"object","default":{},"description":"The daily backup.","properties":{"timeOfDay":{"type":"string","description":"Time of the daily backup in UTC, as \"hh:mm:ss\"; Exoscale starts backups on the minute, so seconds are ignored. Defaults to one hour before the maintenance window's time, shown in status.schedules.","pattern":"^([0-1]?[0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])$"}}}}}, 'spec.parameters', { applyDefaults: true });

export const inputSchema = new Schema<Input>({"type":"object","description":"Input of the ExoscalePostgreSQL function; set by the platform in the composition.","required":["connectionSecretNamespace"],"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"providerConfigName":{"type":"string","description":"ProviderConfig of provider-exoscale for the PostgreSQL managed resource.","default":"default"},"connectionSecretNamespace":{"type":"string","description":"Namespace where provider-exoscale writes the database's connection secret."}}}, 'input', { applyDefaults: true });
