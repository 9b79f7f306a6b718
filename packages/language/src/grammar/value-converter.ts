// Turns tokens into AST values: multi-word drug names keep one space between their words; numbers drop thousands separators.
import { type CstNode, CstUtils, DefaultValueConverter, type GrammarAST, isLeafCstNode, type ValueType } from 'langium';

export class TitraValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'DrugName') {
            return CstUtils.streamCst(cstNode).filter((n) => isLeafCstNode(n) && !n.hidden).map((n) => n.text).join(' ');
        }
        if (rule.name === 'Decimal') return input.replace(/,/g, '');
        return super.runConverter(rule, input, cstNode);
    }
}
