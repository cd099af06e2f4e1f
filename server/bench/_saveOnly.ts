import { measureBareKoa, measureSectionSave } from "./httpLoad.js";
const LOAD = { connections: 64, durationSeconds: 10 };
const bare = await measureBareKoa(LOAD);
const save = await measureSectionSave(LOAD);
console.log(JSON.stringify({ bare: bare.requestsPerSecond, bareP99: bare.p99Ms, save: save.requestsPerSecond, saveP99: save.p99Ms, p50: save.p50Ms, errors: save.errors, ratio: save.requestsPerSecond / bare.requestsPerSecond }));
