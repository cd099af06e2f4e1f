/** Calls of the administrators' registry page: counts and a masked page, the template link, the import. */
import { ApiError, request } from "../../api/apiClient.js";
import { uploadFile } from "../../api/upload.js";

/** One row error of an import, as the server reports it (row 0 = the whole file). */
export interface RegistryRowError {
  row: number;
  column: string;
  message: string;
}

/** What an accepted import wrote. */
export interface RegistryImportResult {
  inserted: number;
  updated: number;
  total: number;
}

/** One registry person as administrators see it: number and phone masked. */
export interface RegistryListItem {
  id: string;
  name: string;
  idNumber: string;
  sex: "male" | "female";
  institution: string;
  title: string;
  phone: string;
  source: string;
  importedAt: number;
}

/** GET /api/admin/registry */
export interface RegistryListPage {
  total: number;
  next: string | null;
  items: RegistryListItem[];
}

export const REGISTRY_TEMPLATE_URL = "/api/admin/registry/template";

export const registryAdminApi = {
  list: (limit = 20) => request<RegistryListPage>("GET", `/api/admin/registry?limit=${limit}`),
  importFile: (file: Blob, name: string, onProgress: (percent: number) => void) =>
    uploadFile<RegistryImportResult>("/api/admin/registry/import", file, name, onProgress),
};

/** The row errors of a refused import, or undefined for any other failure. */
export function rowErrorsOf(error: unknown): RegistryRowError[] | undefined {
  if (!(error instanceof ApiError) || error.code !== "registry_import_invalid") return undefined;
  const rows = error.details.rows;
  return Array.isArray(rows) ? (rows as RegistryRowError[]) : undefined;
}
