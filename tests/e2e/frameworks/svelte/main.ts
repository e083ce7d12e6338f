// A Svelte 5 app: `import 'dynamic-chat/define'` before mounting.
import { mount } from 'svelte';
import 'dynamic-chat/define';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
