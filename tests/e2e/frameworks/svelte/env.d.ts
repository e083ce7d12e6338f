// Template types for <dynamic-chat> (svelte/elements).
import type {} from 'dynamic-chat/svelte';
