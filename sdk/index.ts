export * from "./tokens";
export { Probe, ProbeArgs } from "./probe";
