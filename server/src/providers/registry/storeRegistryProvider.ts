/**
 * The built-in registry: the imported `registry` collection. A person is found only when the number's blind
 * index, the exact name and the label group all match, so a wrong name and a wrong number look the same.
 */
import type { PersonalDataCipher } from "../../crypto/personalData.js";
import type { RegistryLookup, RegistryPerson, RegistryProvider } from "../../ports/registryProvider.js";
import type { Store } from "../../ports/store.js";
import { findRegistryDoc, registryPersonOf, sameName } from "../../registry/registryRecords.js";
import { collectionsOf } from "../../store/collections.js";

/** `RegistryProvider` over the store's `registry` collection. */
export class StoreRegistryProvider implements RegistryProvider {
  readonly kind = "store";

  constructor(
    private readonly store: Store,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async lookup(query: RegistryLookup): Promise<RegistryPerson | null> {
    const doc = await findRegistryDoc(collectionsOf(this.store), this.cipher, query.idNumber);
    if (!doc || !sameName(doc.name, query.name) || !doc.labels.includes(query.role)) return null;
    return registryPersonOf(doc, this.cipher);
  }
}
