/**
 * The built-in panels. A new panel is one module calling `registerPanel` plus one import line here;
 * the pane shows exactly the registered panels.
 */
import './AuditPanel';
import './RecognitionPanel';
import './ConvertPanel';
import './TemplatePanel';
