// Builds the bench-only page (FormEngine on the expertise section) into renderer/bench/dist, with the app's
// own plugins and ajv alias so the measured bundle behaves like the section page's.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vite";
import appConfig from "../vite.config.js";

const here = path.dirname(fileURLToPath(import.meta.url));

export default mergeConfig(
  appConfig,
  defineConfig({
    root: here,
    // Relative asset URLs: the bench serves dist/ from any static server root.
    base: "./",
    build: {
      outDir: path.join(here, "dist"),
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: { input: path.join(here, "expertise.html") },
    },
  }),
);
