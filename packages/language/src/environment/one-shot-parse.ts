// How Titra checks data it parses once per process (knowledge files, a compiled order set) with zod: without zod's compiled fast path, whose code generation costs more at start-up than it saves on one parse.
import type { core } from 'zod';

export const ONE_SHOT_PARSE: core.ParseContext<core.$ZodIssue> = { jitless: true };
