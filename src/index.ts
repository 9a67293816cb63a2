export default {
  async fetch(): Promise<Response> {
    return new Response('season watch')
  },
} satisfies ExportedHandler<Env>
