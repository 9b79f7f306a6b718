// The toolchain version: the language package's own, recorded in order-set provenance and SARIF and printed by `titra --version`.
import packageJson from '../package.json' with { type: 'json' };

export const titraVersion: string = packageJson.version;
