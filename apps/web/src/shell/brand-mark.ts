// The town's mark, inlined into the bundle (a data: URL): the pages that show it ask the server for nothing, and the
// browser's own request for the tab icon (/favicon.svg, the same picture) is the only one.
import brandMark from '../../public/favicon.svg';

export { brandMark };
