// Where Titra's documentation lives on the project repository: the one home of its address, for links from the editor.

/** The project's README on its repository. */
export const PROJECT_README_URL = 'https://github.com/titra-lang/titra/blob/main/README.md';

/** The README's table of diagnostic codes (section "Checks"): what each code catches and its source. */
export const CODES_DOCUMENTATION_URL = `${PROJECT_README_URL}#checks`;
