import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { WebSocket } from 'ws';
import { Principal } from '../auth/principal';
import { StreamRequest } from './stream.adapter';
import { StreamHub } from './stream-hub.service';

/** `/user/stream` over WebSocket; the plain GET of the same path is served by the user controller. */
@WebSocketGateway({ path: '/user/stream' })
export class UserStreamGateway implements OnGatewayConnection {
  constructor(private readonly hub: StreamHub) {}

  handleConnection(socket: WebSocket, request: StreamRequest): void {
    this.hub.attach(socket, request.principal as Principal & { kind: 'user' }, request.credential!);
  }
}
