import { buildRealisticPage } from './bench/realistic-page'
import { parseArticle, stripRawText } from './src/extract/parse-html'
import { extractClaims } from './src/extract/extract-claims'
import { createSubjectMatcher } from './src/extract/subject-matcher'
import { parseHTML } from 'linkedom/worker'
import { Parser } from 'htmlparser2'
import subject from './data/subject.json'
const html = buildRealisticPage()
const m = createSubjectMatcher(subject as any)
const t = (name: string, fn: () => void) => { for (let i=0;i<10;i++) fn(); const s=performance.now(); for (let i=0;i<50;i++) fn(); console.log(name, ((performance.now()-s)/50).toFixed(2),'ms') }
t('tokenize', () => { const p = new Parser({}); p.write(html); p.end() })
t('strip', () => stripRawText(html))
const stripped = stripRawText(html)
console.log('stripped len', JSON.stringify(Object.keys(stripped)), (stripped as any).html?.length)
t('linkedom parse stripped', () => parseHTML((stripped as any).html))
t('parseArticle', () => parseArticle(html, { url: 'x' }))
const a = parseArticle(html, { url: 'x' })
t('extractClaims', () => extractClaims(a, 'x', m))
const mk = (stripped as any).markup as string
console.log('markup len', mk.length)
t('linkedom parse markup', () => parseHTML(mk))
import { splitSentences } from './src/extract/sentences'
import { scopeSentence } from './src/extract/scope'
import { classifyCertainty } from './src/extract/certainty'
import { extractCastClaims } from './src/extract/claims-cast'
import { extractStageClaims } from './src/extract/claims-stage'
import { extractReleaseClaims } from './src/extract/claims-release'
const sents = a.blocks.flatMap(b => splitSentences(b.text))
console.log('sentences', sents.length, 'blocks', a.blocks.length)
t('split', () => a.blocks.flatMap(b => splitSentences(b.text)))
t('scope', () => sents.map(s => scopeSentence(s, m)))
t('certainty', () => sents.map(s => classifyCertainty(s, m)))
t('findPeople', () => sents.map(s => m.findPeople(s)))
const ctxs = sents.map(s => ({ text: s, scope: scopeSentence(s,m), certainty: classifyCertainty(s,m), docTarget: true, published: '2025-01-01', url: 'x', matcher: m }))
t('cast', () => ctxs.map(c => extractCastClaims(c)))
t('stage', () => ctxs.map(c => extractStageClaims(c)))
t('release', () => ctxs.map(c => extractReleaseClaims(c)))
