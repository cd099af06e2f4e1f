// Lint rules for every workspace: typescript-eslint's recommended set, type-aware where it pays.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", ".tsbuild/**", "data/**", "test-results/**", "coverage/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Only server/src/env.ts reads process.env." },
      ],
    },
  },
  {
    files: [
      "server/src/env.ts",
      "**/*.test.ts",
      "**/test/**",
      "**/bench/**",
      "vitest.config.ts",
      "**/vite.config.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
);
