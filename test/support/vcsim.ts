/** The vSphere estate helpers live with the demo (demo/vcsim-estate.ts), which uses them too. */
export * from '../../demo/vcsim-estate.js';
