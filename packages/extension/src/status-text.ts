// The status bar text and tooltip for the active Titra document (pure; no vscode API).
import type { ProtocolInfo } from '@titra/language/requests';

export interface StatusBarContent {
    text: string;
    tooltip: string;
}

/** E.g. "Titra: active 3.1.0" for a protocol, "Titra: library" for a library; undefined hides the item. */
export function statusBarContent(info: ProtocolInfo): StatusBarContent | undefined {
    switch (info.kind) {
        case 'protocol': {
            const status = info.status ?? 'no status';
            const version = info.version ?? 'no version';
            return {
                text: `Titra: ${status} ${version}`,
                tooltip: `Protocol ${info.id}${info.title ? ` "${info.title}"` : ''}, status ${status}, version ${version}`
            };
        }
        case 'library':
            return { text: 'Titra: library', tooltip: `Library ${info.id} (compile the protocols that import it)` };
        case 'none':
            return undefined;
    }
}
