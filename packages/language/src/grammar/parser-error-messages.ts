// Syntax error messages in the author's words: a reserved word written where a name belongs says so and suggests a name.
import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

/** Langium gives each keyword a token type whose pattern is the keyword itself. */
const isKeyword = (token: IToken) => typeof token.tokenType.PATTERN === 'string';
const isWord = (text: string) => /^[A-Za-z][\w-]*$/.test(text);

/** The message for a reserved word used as a name, with a name to write instead (`outpatient-premedication`). */
export function reservedWordMessage(word: string, previous: IToken | undefined): string {
    const suggestion = previous && isWord(previous.image) ? `${word}-${previous.image}` : `my-${word}`;
    return `'${word}' is a reserved word of Titra and cannot be used as a name. Choose another name, for example '${suggestion}'.`;
}

export class TitraParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        if (options.expected.name === 'ID' && isKeyword(options.actual) && isWord(options.actual.image)) {
            return reservedWordMessage(options.actual.image, options.previous);
        }
        return super.buildMismatchTokenMessage(options);
    }

    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string;
    }): string {
        const [actual] = options.actual;
        const nameExpected = options.expectedPathsPerAlt.some((alternative) => alternative.some((path) => path[0]?.name === 'ID'));
        if (actual && nameExpected && isKeyword(actual) && isWord(actual.image)) return reservedWordMessage(actual.image, options.previous);
        return super.buildNoViableAltMessage(options);
    }
}
