// How the editor starts the language server process: the Node flags of its heap policy (shared by the extension and the benchmark).

/**
 * A young generation large enough that the temporaries of re-parsing and checking a long protocol die there instead
 * of being promoted: on a 1,000-protocol workspace, 200 edits of a 1,000-line protocol left 721 MB resident with
 * Node's default and 546 MB with 64 MB semi-spaces, at no cost in latency. A cap on the old generation
 * (--max-old-space-size) held memory lower but would end the server on a larger workspace, and a full collection
 * when idle did not give memory back to the system.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
