import path from 'node:path';
import { Font } from '@react-pdf/renderer';

/**
 * Noto Sans SC (SIL Open Font License 1.1, see LICENSES/NotoSansSC-OFL.txt),
 * read from node_modules — never fetched. Both weights are TrueType (glyf)
 * outlines, which react-pdf embeds as a subset of the glyphs a document uses.
 * It covers the CJK Unified Ideographs and Extension A (龑, 䶮, 堃, 赟…); it
 * does not cover Extension B and beyond (e.g. 𠮷).
 */
export const FONT_FAMILY = 'NotoSansSC';

const fontDir = () => path.join(process.cwd(), 'node_modules/@expo-google-fonts/noto-sans-sc');
export const fontPaths = {
  regular: () => path.join(fontDir(), '400Regular/NotoSansSC_400Regular.ttf'),
  bold: () => path.join(fontDir(), '700Bold/NotoSansSC_700Bold.ttf'),
};

/** Ideographs, kana, hangul, CJK symbols and full-width forms: a line may break before or after any of them. */
const breakable = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]/u;
/** Never at the start of a line (closing punctuation; 行首禁则). */
const noBreakBefore = new Set([...'，。、；：？！）》」』】〕〉’”…—·%,.;:!?)]}']);
/** Never at the end of a line (opening punctuation, currency signs; 行尾禁则). */
const noBreakAfter = new Set([...'（《「『【〔〈‘“([{¥￥$']);

/**
 * react-pdf breaks lines only between the "syllables" this callback returns, and
 * inserts a hyphen at a break between two syllables of one word — while a word
 * is everything between spaces, so a Chinese paragraph is one long word. The
 * default ([word]) would therefore never wrap Chinese. Here an empty string is
 * put between two characters wherever a line may break: react-pdf turns it into
 * zero-width glue, a break point without a hyphen. Latin words are never
 * hyphenated; a long URL may break after a slash.
 * That glue cannot stretch, so react-pdf's optimal line breaking gives up on a
 * Chinese paragraph and falls back to filling lines greedily — which prefers a
 * real space to any zero-width break: keep ASCII spaces out of Chinese text, or
 * a line ends early at the space.
 */
export function splitForLineBreaks(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < 2) return [word];
  const parts: string[] = [];
  let current = chars[0]!;
  for (let i = 1; i < chars.length; i++) {
    const prev = chars[i - 1]!;
    const next = chars[i]!;
    const canBreak =
      !noBreakBefore.has(next) && !noBreakAfter.has(prev) && (breakable.test(prev) || breakable.test(next) || (prev === '/' && next !== '/' && chars.length > 24));
    if (canBreak) {
      parts.push(current, '');
      current = next;
    } else {
      current += next;
    }
  }
  parts.push(current);
  return parts;
}

let registered = false;
let loading: Promise<void> | null = null;

const LINE_FEED = 0x0a;

/** Registers the fonts and the line-breaking rule with react-pdf, once per process. */
export function registerFonts(): void {
  if (registered) return;
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: fontPaths.regular(), fontWeight: 400 },
      { src: fontPaths.bold(), fontWeight: 700 },
    ],
  });
  Font.registerHyphenationCallback(splitForLineBreaks);
  registered = true;
}

type Shaper = { layout: (text: string, features?: unknown, script?: string, language?: string, direction?: string) => { glyphs: unknown[] } };
/** Distinct strings shaped and kept per face before the memo starts afresh (a few MB at most). */
const LAYOUT_MEMO_SIZE = 20_000;

/**
 * Shaping a string (fontkit's layout: OpenType substitutions and positioning over a CJK font) is most of the
 * cost of a long table, and a table repeats its strings (channels, outcomes, notes, dates): each distinct string
 * is shaped once per process. Every caller gets its own glyph list (react-pdf replaces inline attachments in it).
 */
function memoizeLayout(font: Shaper): void {
  const layout = font.layout.bind(font);
  const memo = new Map<string, ReturnType<Shaper['layout']>>();
  font.layout = (text, features, script, language, direction) => {
    const key = `${JSON.stringify(features ?? null)}\u0000${script}\u0000${language}\u0000${direction}\u0000${text}`;
    let run = memo.get(key);
    if (!run) {
      if (memo.size >= LAYOUT_MEMO_SIZE) memo.clear();
      run = layout(text, features, script, language, direction);
      memo.set(key, run);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as typeof run, run, { glyphs: [...run.glyphs] });
  };
}

type NamedFont = { postscriptName: string; name: { records: object } };
/**
 * pdfkit, asked by react-pdf to set a font object for every run of text it draws, decides whether it already
 * embeds that face by comparing the faces' name tables through JSON.stringify, thousands of times in a long table.
 * The name table never changes once loaded: it stringifies as the face's PostScript name (unique per face; the
 * comparison also checks the head table's checksum), and the PDF's bytes stay the same.
 */
function cheapenFontIdentity(font: NamedFont): void {
  const records = font.name?.records;
  if (records && !Object.prototype.hasOwnProperty.call(records, 'toJSON')) Object.defineProperty(records, 'toJSON', { value: () => font.postscriptName });
}

/**
 * Registers and loads both faces (in parallel, once per process), and makes the
 * line feed resolve to Noto Sans SC. react-pdf gives a character the fallback
 * font (Helvetica) when the family has no glyph for it, and Noto has none for
 * '\n', so every line break inside a text would otherwise add an unembedded
 * Helvetica to the PDF. The line feed is never drawn, so no glyph is needed.
 */
export function loadFonts(): Promise<void> {
  registerFonts();
  loading ??= Promise.all(
    ([400, 700] as const).map(async (fontWeight) => {
      const source = Font.getFont({ fontFamily: FONT_FAMILY, fontWeight });
      await source.load();
      const font = source.data;
      if (!font || font.hasGlyphForCodePoint(LINE_FEED)) return;
      const hasGlyph = font.hasGlyphForCodePoint.bind(font);
      font.hasGlyphForCodePoint = (codePoint: number) => codePoint === LINE_FEED || hasGlyph(codePoint);
      memoizeLayout(font as unknown as Shaper);
      cheapenFontIdentity(font as unknown as NamedFont);
    }),
  ).then(
    () => undefined,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
