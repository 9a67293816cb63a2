/**
 * Ends the process quietly when whoever reads stdout stops reading (`npm run --silent replay -- DIR
 * | head`): a closed pipe is the reader's choice, not a failure, so no EPIPE stack and exit 0.
 */
export function endOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
}
