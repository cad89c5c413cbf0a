declare module 'cytoscape-svg' {
  import type cytoscape from 'cytoscape';
  /** Registers `cy.svg(options)` (canvas2svg underneath): the drawn view as SVG text. */
  const register: cytoscape.Ext;
  export default register;
}
