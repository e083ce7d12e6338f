/** The dashboard's entry: adopts the style sheet and registers the elements (`<dc-admin>` in the page starts everything). */
import './app.js';
import { styles } from './styles.js';

document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles.styleSheet!];
