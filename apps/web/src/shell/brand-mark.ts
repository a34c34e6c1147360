// The town's mark as a hashed file of the bundle (/assets/favicon-<hash>.svg, immutable): fetched once, then cached.
import brandMark from '../../public/favicon.svg';

export { brandMark };
