/**
 * Registry adapter for a live provincial system over HTTP: one JSON POST per lookup with the API key in a
 * header and a timeout; any answer other than a well-formed 200 is `RegistryUnavailableError`.
 *
 * The service contract: `POST <url>` `{ role, name, idNumber }` with header `X-Api-Key`, answering 200
 * `{ found: false }` or `{ found: true, person: { name, idNumber, sex, institution, institutionDivision,
 * practiceCategory, licenseNumber, title, yearsOfPractice, phone, labels } }`.
 */
import { z } from "zod";
import { RegistryUnavailableError } from "../../errors.js";
import type { RegistryLookup, RegistryPerson, RegistryProvider } from "../../ports/registryProvider.js";
import { sameName } from "../../registry/registryRecords.js";

/** Where the service is and how long to wait for it. */
export interface HttpRegistryProviderOptions {
  url: string;
  key: string;
  /** Default 5 000 ms; the candidate is waiting, so there are no retries. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const personSchema = z.object({
  name: z.string().min(1).max(50),
  idNumber: z.string().regex(/^\d{17}[\dXx]$/),
  sex: z.enum(["male", "female"]),
  institution: z.string().min(1).max(200),
  institutionDivision: z.string().regex(/^\d{6}$/),
  practiceCategory: z.string().max(100),
  licenseNumber: z.string().max(100),
  title: z.string().max(100),
  yearsOfPractice: z.number().int().min(0).max(100),
  phone: z.string().regex(/^1\d{10}$/),
  labels: z.array(z.enum(["supervisor", "recommender"])),
});

const answerSchema = z.discriminatedUnion("found", [
  z.object({ found: z.literal(false) }),
  z.object({ found: z.literal(true), person: personSchema }),
]);

/** `RegistryProvider` asking the configured provincial system. */
export class HttpRegistryProvider implements RegistryProvider {
  readonly kind = "http";
  readonly #url: string;
  readonly #key: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: HttpRegistryProviderOptions) {
    this.#url = options.url;
    this.#key = options.key;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#fetch = options.fetch ?? fetch;
  }

  async lookup(query: RegistryLookup): Promise<RegistryPerson | null> {
    let answer: unknown;
    try {
      const response = await this.#fetch(this.#url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", "x-api-key": this.#key },
        body: JSON.stringify({ role: query.role, name: query.name, idNumber: query.idNumber }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new RegistryUnavailableError();
      }
      answer = await response.json();
    } catch (error) {
      if (error instanceof RegistryUnavailableError) throw error;
      throw new RegistryUnavailableError();
    }
    const parsed = answerSchema.safeParse(answer);
    if (!parsed.success) throw new RegistryUnavailableError();
    if (!parsed.data.found) return null;
    const person = parsed.data.person;
    // The same three conditions as the built-in registry, in case the remote system matches more loosely.
    const idNumber = person.idNumber.toUpperCase();
    if (idNumber !== query.idNumber.normalize("NFKC").trim().toUpperCase()) return null;
    if (!sameName(person.name, query.name) || !person.labels.includes(query.role)) return null;
    return { ...person, idNumber, source: "provider" };
  }
}
