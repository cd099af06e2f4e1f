/**
 * Chooses the files adapter from configuration: a folder for the embedded setup, GridFS in production.
 */
import type { Files } from "../ports/files.js";
import { FolderFiles } from "./folderFiles.js";
import { GridfsFiles } from "./gridfsFiles.js";

/** Which files adapter to start and where it keeps its data. */
export type FilesConfig = { kind: "folder"; dir: string } | { kind: "gridfs"; uri: string; dbName: string };

/** Starts the configured files adapter; the caller owns it and closes it on shutdown. */
export async function createFiles(config: FilesConfig): Promise<Files> {
  switch (config.kind) {
    case "folder":
      return FolderFiles.open(config.dir);
    case "gridfs":
      return GridfsFiles.connect(config.uri, config.dbName);
  }
}

export { FolderFiles } from "./folderFiles.js";
export { GridfsFiles } from "./gridfsFiles.js";
