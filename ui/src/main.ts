import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { mark } from './lib/app/startup';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
const app = mount(App, { target });
mark('mounted');
export default app;
