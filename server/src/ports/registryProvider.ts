/**
 * The physician registry port (TCH-1): finds a physician by name and ID number under one label group. The
 * built-in adapter reads the imported `registry` collection; the HTTP adapter asks the provincial
 * basic-resources system. Adapters live in `providers/registry/`.
 */

/** A label group of the registry, spelled like the edition's recommenders section role values. */
export type RegistryRole = "supervisor" | "recommender";

/** What a lookup asks: the role chosen by the candidate, the name and the ID number as typed. */
export interface RegistryLookup {
  role: RegistryRole;
  name: string;
  idNumber: string;
}

/** A physician as the registry knows them. Personal data in clear: never logged, never presented whole. */
export interface RegistryPerson {
  /** `_id` of the `registry` document when the person came from the store; absent for a live provider. */
  ref?: string;
  name: string;
  /** 18 characters, check character upper-case. */
  idNumber: string;
  sex: "male" | "female";
  institution: string;
  /** County code (GB/T 2260) of the institution. */
  institutionDivision: string;
  practiceCategory: string;
  licenseNumber: string;
  title: string;
  yearsOfPractice: number;
  phone: string;
  labels: RegistryRole[];
  source: "import" | "demo" | "provider";
}

/** The port. `lookup` answers null unless name, number and label group all match. */
export interface RegistryProvider {
  /** Adapter id as configured: "store" | "http". */
  readonly kind: string;
  /** Throws `RegistryUnavailableError` when a live registry gives no answer (down, timeout). */
  lookup(query: RegistryLookup): Promise<RegistryPerson | null>;
}
