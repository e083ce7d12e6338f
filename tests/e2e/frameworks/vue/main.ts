// A Vue 3.5 app: `import 'dynamic-chat/define'` before mounting; vite.config tells the template
// compiler that dynamic-chat is a custom element.
import { createApp } from 'vue';
import 'dynamic-chat/define';
import App from './App.vue';

createApp(App).mount('#app');
