/**
 * Noto Sans JP (SIL Open Font License), the TrueType files shipped by @expo-google-fonts/noto-sans-jp. The PDFs we
 * write embed a subset of it (the glyphs they use: tens of kB instead of 5 MB each), so a reader without any
 * Japanese font still shows the text; the page renderer gives it to the canvas for papers whose Japanese fonts are
 * not embedded.
 */
export type NotoWeight = 'regular' | 'bold';

const FILES: Record<NotoWeight, string> = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
};

export function notoSansJpPath(weight: NotoWeight = 'regular'): string {
  return require.resolve(FILES[weight]);
}
