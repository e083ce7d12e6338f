// Template types for <dynamic-chat> (Vue GlobalComponents).
import type {} from 'dynamic-chat/vue';
