// The toolchain version recorded in order-set provenance and SARIF: the titra package's version.
import packageJson from '../package.json' with { type: 'json' };

export const titraVersion: string = packageJson.version;
