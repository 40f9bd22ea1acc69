import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { WebSocket } from 'ws';
import { EVENT_STREAM_PATH, StreamRequest } from './stream.adapter';
import { EventStreamHub } from './event-stream-hub.service';

/** `/v1/events/stream`: the live feed (the adapter verified the caller and resolved where it starts). */
@WebSocketGateway({ path: EVENT_STREAM_PATH })
export class EventStreamGateway implements OnGatewayConnection {
  constructor(private readonly hub: EventStreamHub) {}

  handleConnection(socket: WebSocket, request: StreamRequest): void {
    this.hub.attach(socket, request.principal!, request.credential!, request.feedStart ?? null);
  }
}
