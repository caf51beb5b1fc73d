"""The look every page shares: text readable at the back of a room (16 px and up),
controls at least 24 px (WCAG 2.2 AA target size) with dark text, tab titles and buttons
never cut, and no page wider than the screen: rows wrap and wide tables scroll inside
their own box. One <style> element, scoped to ``.wb-app``."""

from __future__ import annotations

STYLE = """<style>
.wb-app { font-size: 16px; line-height: 1.45; color: #1a1a1a; max-width: 100%;
  box-sizing: border-box; --jp-widgets-font-size: 16px; --jp-ui-font-size1: 16px;
  --jp-content-font-size1: 16px; --jp-widgets-inline-height: 32px;
  --jp-widgets-label-color: #1a1a1a; --jp-widgets-input-color: #1a1a1a; }
.wb-app * { box-sizing: border-box; }
.wb-app.wb-busy { cursor: progress; }
.wb-app, .wb-app .widget-vbox, .wb-app .widget-hbox, .wb-app .widget-html,
.wb-app .widget-html-content { min-width: 0; max-width: 100%; }
.wb-app .widget-hbox { flex-wrap: wrap; gap: 4px 12px; }
.wb-app, .wb-app .widget-box { overflow: visible; }
.wb-app .widget-slider { width: 100% !important; max-width: 44em; }
.wb-app .widget-slider .widget-label { width: 13em !important; max-width: 45%;
  min-width: 0; flex: 0 0 auto; justify-content: flex-start; text-align: left; }
.wb-app .widget-slider .slider-container { flex: 1 1 auto; min-width: 4em; }
.wb-app .widget-dropdown, .wb-app .widget-select, .wb-app .widget-text {
  width: auto !important; max-width: 100% !important; height: auto; }
.wb-app .widget-dropdown .widget-label, .wb-app .widget-select .widget-label,
.wb-app .widget-text .widget-label { width: auto !important; min-width: 4em;
  margin-right: 8px; }
.wb-app .widget-dropdown select, .wb-app .widget-select select { flex: 1 1 12em;
  min-width: 0; }
.wb-app .widget-html-content { font-size: 16px; line-height: 1.45; white-space: normal; }
.wb-app h1 { font-size: 30px; margin: 8px 0; }
.wb-app h2 { font-size: 24px; margin: 16px 0 6px; }
.wb-app h3 { font-size: 19px; }
.wb-app .widget-label, .wb-app .widget-label-basic { font-size: 16px; color: #1a1a1a; }
.wb-app .widget-inline-hbox .widget-label { width: auto; min-width: 6em; max-width: 16em;
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.2;
  height: auto; min-height: 32px; display: flex; align-items: center; }
.wb-app .widget-dropdown, .wb-app .widget-text, .wb-app .widget-select { width: auto;
  max-width: 100%; }
.wb-app .widget-dropdown select, .wb-app .widget-select select { font-size: 16px;
  min-height: 32px; max-width: 100%; color: #1a1a1a; }
.wb-app .jupyter-button, .wb-app .widget-button, .wb-app .widget-upload {
  width: auto; max-width: 100%; min-height: 36px; height: auto; font-size: 16px;
  white-space: normal; overflow: visible; text-overflow: clip; padding: 4px 14px;
  color: #1a1a1a; }
.wb-app .jupyter-button:focus-visible, .wb-app input:focus-visible,
.wb-app select:focus-visible, .wb-app .noUi-handle:focus-visible,
.wb-app .lm-TabBar-tab:focus-visible, .wb-app .wb-scroll:focus-visible {
  outline: 3px solid #0b5cad; outline-offset: 2px; }
.wb-app .lm-TabBar-tab, .wb-app .lm-TabBar-tab .lm-TabBar-tabLabel { color: #1a1a1a; }
.wb-app .lm-TabBar-tab:not(.lm-mod-current) { background: #f3f3f3; }
.wb-app .lm-TabBar { height: auto !important; min-height: 0 !important; overflow: visible; }
.wb-app .lm-TabBar-content { flex-wrap: wrap; height: auto; }
.wb-app .lm-TabBar-tab { flex: 0 1 auto !important; max-width: 100% !important;
  min-height: 40px; height: auto; line-height: 1.3; padding: 8px 12px; }
.wb-app .lm-TabBar-tabLabel { white-space: normal; overflow: visible;
  text-overflow: clip; font-size: 16px; }
.wb-app .widget-tab > .widget-tab-contents, .wb-app .jupyter-widget-tab > .widget-tab-contents
  { overflow: visible; padding: 12px 8px; }
.wb-app .wb-weight-row { flex-wrap: wrap; align-items: center; }
.wb-app .wb-weight-row .widget-slider { flex: 1 1 22em; min-width: 0; width: auto; }
.wb-app .wb-weight-row .widget-slider .widget-label { min-width: 9em; max-width: 50%; }
.wb-app .wb-weight-row .slider-container { min-width: 6em; }
.wb-app .noUi-handle { min-width: 24px; min-height: 24px; }
.wb-app .wb-points { width: 6.5em !important; flex: 0 0 6.5em; }
.wb-app .wb-points .widget-label { position: absolute; width: 1px; height: 1px;
  min-width: 0; min-height: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.wb-app .wb-points input { font-size: 16px; min-height: 32px; }
.wb-app .widget-checkbox { width: auto; height: auto; min-height: 32px; }
.wb-app .widget-checkbox label { white-space: normal; line-height: 1.3; }
.wb-app .widget-checkbox input { width: 24px; height: 24px; flex: 0 0 auto; }
.wb-app .wb-scroll { max-width: 100%; overflow-x: auto; margin: 6px 0 12px; }
.wb-app table.wb-table { border-collapse: collapse; font-size: 16px; }
.wb-app table.wb-table th, .wb-app table.wb-table td { border-bottom: 1px solid #8a8a8a;
  padding: 4px 8px; text-align: left; vertical-align: top; }
.wb-app table.wb-table caption { font-weight: 600; text-align: left; padding: 4px 0; }
.wb-app tr.wb-changed { background: #fff3c4; }
.wb-app .wb-lifted strong, .wb-app .wb-moved { color: #8a3b00; }
.wb-app .wb-lifted { border-left: 6px solid #8a3b00; padding-left: 10px; }
.wb-app .wb-infeasible { border-left: 6px solid #a40000; padding-left: 10px; }
.wb-app .wb-stale { color: #5a3d00; }
.wb-app .wb-msg { margin: 4px 0; padding: 6px 10px; border-left: 6px solid; }
.wb-app .wb-msg-error { border-color: #a40000; background: #fde8e8; }
.wb-app .wb-msg-warning { border-color: #8a3b00; background: #fff3c4; }
.wb-app .wb-msg-success { border-color: #1d6b2f; background: #e6f4ea; }
.wb-app .wb-msg-info { border-color: #0b5cad; background: #e8f0fb; }
.wb-app .wb-workspace { align-items: flex-start; flex-wrap: wrap; gap: 16px; }
.wb-app .wb-workspace > .wb-weights-column { flex: 1 1 34em; min-width: 0; }
.wb-app .wb-workspace > .wb-summary-column { flex: 1 1 24em; min-width: 0;
  position: sticky; top: 0; align-self: flex-start; background: #fff;
  border: 2px solid #1a1a1a; padding: 8px 14px; }
.wb-app .wb-headline { font-size: 22px; margin: 4px 0; }
.wb-app .wb-whatif-service select { min-width: 0; }
.wb-app .widget-progress { max-width: 100%; }
@media (max-width: 600px) {
  .wb-app h1 { font-size: 24px; }
  .wb-app .wb-workspace > .wb-summary-column { position: static; }
}
</style>"""
