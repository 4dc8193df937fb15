// What the General tab's parts share: who may change what, and how an error
// from the API client is shown.

export { mayChange } from '../../../common/ui/src/access.js';

export { problemOf, problemText, type Problem } from '../../../../sdk/ui/tabhost-ui.js';
export { alertOf } from '../../../common/ui/src/page-parts.js';
