// `titra render`: a printable protocol document for sign-off, as HTML (with an SVG timeline) or Markdown.
import * as path from 'node:path';
import { writeAllOrNothing } from '../atomic-write.js';
import { loadOrderSet } from '../order-set-source.js';
import { renderHtml, renderMarkdown } from '../protocol-document.js';
import type { Terminal } from '../terminal.js';
import { displayPath, InputError } from '../workspace-loader.js';

export interface RenderOptions {
    file: string;
    format: 'html' | 'md';
    /** Output file; standard output when absent. */
    output?: string;
}

export async function runRender(terminal: Terminal, options: RenderOptions): Promise<number> {
    const orderSet = await loadOrderSet(terminal, options.file);
    if (orderSet === 1) return 1;
    const document = options.format === 'html' ? renderHtml(orderSet) : renderMarkdown(orderSet);
    if (!options.output) {
        terminal.out(document.trimEnd());
        return 0;
    }
    const file = path.resolve(options.output);
    if (file === path.resolve(options.file)) throw new InputError(`${options.output}: is the input file; choose another output file`);
    await writeAllOrNothing([{ file, content: document }]);
    terminal.err(`wrote ${displayPath(file)}`);
    return 0;
}
