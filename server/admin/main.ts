/** The dashboard's entry: adopts the style sheet and registers the elements (`<dc-admin>` in the page starts everything). */
import { styles } from './styles.js';
import './app.js';

document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles.styleSheet!];
