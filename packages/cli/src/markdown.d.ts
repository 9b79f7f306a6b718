// Markdown files imported as their text (esbuild's text loader; the markdown-text plugin in vitest.config.ts).
declare module '*.md' {
    const text: string;
    export default text;
}
