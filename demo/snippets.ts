/** Ready-to-paste install snippets for the flow being previewed. */
import pkg from '../package.json';

/** Options the previewer sets on the element that are not part of the flow document. */
export interface SnippetOptions { theme: 'light' | 'dark' | 'auto'; endpoint?: string }

// JSON inside <script> must not be able to close the tag or open a comment.
const scriptSafe = (json: string): string => json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

/** The script-tag install: the flow inlined as JSON, found by id. */
export function scriptTagSnippet(flowJson: string, options: SnippetOptions): string {
  const compact = JSON.stringify(JSON.parse(flowJson));
  const endpoint = options.endpoint ? ` data-endpoint="${options.endpoint}"` : '';
  const theme = options.theme === 'light' ? '' : ` data-theme="${options.theme}"`;
  return [
    '<!-- dynamic-chat: paste before </body>. Or host the exported flow.json and use data-flow="/chat/flow.json". -->',
    `<script type="application/json" id="chat-flow">${scriptSafe(compact)}</script>`,
    `<script src="https://unpkg.com/dynamic-chat@${pkg.version}/dist/dynamic-chat.js" data-flow="#chat-flow"${endpoint}${theme} defer></script>`,
  ].join('\n');
}

/** The npm install: a module that registers the tag and hands it the exported flow file. */
export function npmSnippet(options: SnippetOptions): string {
  const endpoint = options.endpoint ? `\nchat.setAttribute('endpoint', '${options.endpoint}');` : '';
  const theme = options.theme === 'light' ? '' : `\nchat.setAttribute('theme', '${options.theme}');`;
  return [
    `// npm install dynamic-chat@${pkg.version}`,
    "import 'dynamic-chat/define';",
    "import { validateFlow } from 'dynamic-chat';",
    "import flowDocument from './flow.json'; // the exported flow",
    '',
    'const checked = validateFlow(flowDocument);',
    "if (!checked.ok) console.warn('dynamic-chat: invalid flow', checked.errors);",
    "const chat = document.createElement('dynamic-chat');",
    `chat.flow = flowDocument;${endpoint}${theme}`,
    'document.body.append(chat);',
  ].join('\n');
}
