// The plugin UI kit, re-exported so that every shell module imports it from
// one place: the shell is the host side of the same contract the tabs use.
export * from '../../../sdk/ui/tabhost-ui.js';
