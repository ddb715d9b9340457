// The page's language, set up when this module is first evaluated (before any section builds its DOM): the
// host put the display language and VS Code's bundle in the charts' script tag (data-l10n). Each of the
// page's scripts imports this, since each bundle has its own copy of the core's translator.
import { setFormatLocale } from '../../core/format/locale';
import { setTranslate, translatorFromBundle } from '../../core/l10n';
import { parseL10nAttribute } from '../../shared/protocol/l10n';

const tag = document.querySelector<HTMLScriptElement>('script[data-l10n]');
const parsed = parseL10nAttribute(tag?.dataset.l10n);
setTranslate(translatorFromBundle(parsed.l10n.bundle));
setFormatLocale(parsed.l10n.language);

/** Why the page's language could not be read (it is English then), for the host's log. */
export const l10nError: string | undefined = parsed.error;
