// A React 19 app as its developers write it: the bare tag with a fresh `lead` literal on every
// render, `ondc-*` listeners that set state, and `open`; `?wrapper` renders the @lit/react component.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'dynamic-chat/define';
import { DynamicChat } from 'dynamic-chat/react';
import type {} from 'dynamic-chat/react-jsx';
import { flow } from '../flow';

// The dc-* events are typed on the document too (GlobalEventHandlersEventMap).
document.addEventListener('dc-field', (event) => { document.title = `field: ${event.detail.field}`; });

function App() {
  const [ready, setReady] = useState(0);
  const [fields, setFields] = useState<string[]>([]);
  const [renders, setRenders] = useState(0);
  const onReady = () => setReady((n) => n + 1);
  const onField = (event: CustomEvent<{ field: string; value: string }>) => setFields((all) => [...all, `${event.detail.field}=${event.detail.value}`]);
  const wrapper = location.search.includes('wrapper');
  return (
    <main>
      <p>ready events: <output id="ready">{ready}</output></p>
      <p>fields: <output id="fields">{fields.join(',')}</output></p>
      <button type="button" onClick={() => setRenders((n) => n + 1)}>Re-render</button> <output id="renders">{renders}</output>
      {wrapper
        ? <DynamicChat open flow={flow} lead={{ firstName: 'Ada' }} onDcReady={onReady} onDcField={onField} />
        : <dynamic-chat open flow={flow} lead={{ firstName: 'Ada' }} ondc-ready={onReady} ondc-field={onField} />}
    </main>
  );
}

createRoot(document.getElementById('app')!).render(<App />);
